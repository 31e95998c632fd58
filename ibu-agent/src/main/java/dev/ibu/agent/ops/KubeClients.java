package dev.ibu.agent.ops;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Kubernetes client of {@code --kubeconfig} (default: $KUBECONFIG, ~/.kube/config, then in-cluster). */
final class KubeClients {
    private KubeClients() {
    }

    static KubernetesClient open(Path kubeconfig) {
        KubernetesClientBuilder b = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory());
        if (kubeconfig != null) {
            try {
                b.withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new OpsError("--kubeconfig " + kubeconfig + " cannot be read as a kubeconfig (" + e.getMessage()
                        + "): give a readable kubeconfig file, or leave --kubeconfig out to use $KUBECONFIG, "
                        + "~/.kube/config or the in-cluster config");
            }
        }
        return b.build();
    }
}
