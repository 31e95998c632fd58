package dev.ibu.adapters.k8s.provider;

import dev.ibu.adapters.k8s.clusterconfig.ClusterConfigAdapter;
import dev.ibu.adapters.k8s.config.ClusterInfoAdapter;
import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.events.EventAdapter;
import dev.ibu.adapters.k8s.health.ClusterHealthAdapter;
import dev.ibu.adapters.k8s.manifests.ExtraManifestAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PullSecretPort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster-facing ports, found by ServiceLoader. Needs a shared {@link KubernetesClient}; setting
 * {@code agent.namespace} (default {@code openshift-lifecycle-agent}) is where the pull secret is read.
 */
public final class K8sPortProvider implements PortProvider {
    public static final String NAMESPACE = "agent.namespace";

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public List<Class<?>> ports() {
        return List.of(IbuResourcePort.class, ConfigMapPort.class, PullSecretPort.class, ClusterHealthPort.class,
                ClusterInfoPort.class, ExtraManifestPort.class, EventPort.class, ClusterConfigPort.class);
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return context.shared(KubernetesClient.class).map(client -> port.cast(build(port, client, context)));
    }

    private static Object build(Class<?> port, KubernetesClient client, PortContext context) {
        if (port == IbuResourcePort.class) {
            return new IbuResourceAdapter(client);
        }
        if (port == ConfigMapPort.class) {
            return new ConfigMapAdapter(client);
        }
        if (port == PullSecretPort.class) {
            return new PullSecretAdapter(client, context.setting(NAMESPACE).orElse("openshift-lifecycle-agent"));
        }
        if (port == ClusterHealthPort.class) {
            return new ClusterHealthAdapter(client);
        }
        if (port == ClusterInfoPort.class) {
            return new ClusterInfoAdapter(client);
        }
        if (port == ExtraManifestPort.class) {
            return new ExtraManifestAdapter(client);
        }
        if (port == EventPort.class) {
            ClockPort clock = context.shared(ClockPort.class).orElse(Instant::now);
            return new EventAdapter(client, clock);
        }
        if (port == ClusterConfigPort.class) {
            return new ClusterConfigAdapter(client);
        }
        throw new IllegalArgumentException("k8s does not provide " + port.getName());
    }
}
