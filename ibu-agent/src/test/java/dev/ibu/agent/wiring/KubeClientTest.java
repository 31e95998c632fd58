package dev.ibu.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The one Kubernetes client builder: the kubeconfig given, the JDK HTTP client, and the settings stated. */
class KubeClientTest {
    @TempDir
    Path dir;

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: sno
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
            users:
            - name: admin
              user:
                token: not-a-real-token
            contexts:
            - name: sno
              context: {cluster: sno, user: admin, namespace: openshift-lifecycle-agent}
            current-context: sno
            """;

    @Test
    void a_kubeconfig_gives_a_jdk_http_client_with_the_settings_stated() throws Exception {
        Path file = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
        KubeClient.Settings settings = new KubeClient.Settings(Duration.ofSeconds(3), Duration.ofSeconds(7), 2,
                Duration.ofMillis(250));

        Either<String, KubernetesClient> opened = KubeClient.open(Optional.of(file), settings);

        assertThat(opened.isRight()).as(opened.swap().getOrElse("")).isTrue();
        try (KubernetesClient client = opened.get()) {
            Config c = client.getConfiguration();
            assertThat(c.getMasterUrl()).startsWith("https://127.0.0.1:6443");
            assertThat(c.getConnectionTimeout()).isEqualTo(3000);
            assertThat(c.getRequestTimeout()).isEqualTo(7000);
            assertThat(c.getRequestRetryBackoffLimit()).isEqualTo(2);
            assertThat(c.getRequestRetryBackoffInterval()).isEqualTo(250);
            assertThat(client.getHttpClient().getClass().getName()).contains(".jdkhttp.");
        }
    }

    @Test
    void an_unreadable_kubeconfig_is_named_with_the_fix() {
        Either<String, KubernetesClient> opened = KubeClient.open(Optional.of(dir.resolve("missing")),
                KubeClient.Settings.AGENT);

        assertThat(opened.isLeft()).isTrue();
        assertThat(opened.getLeft()).contains("--kubeconfig " + dir.resolve("missing"), "give a readable kubeconfig",
                "leave --kubeconfig out");
    }

    @Test
    void the_agents_settings_retry_for_about_fifteen_seconds() {
        KubeClient.Settings s = KubeClient.Settings.AGENT;
        long total = 0;
        for (int i = 0; i < s.retries(); i++) {
            total += s.firstRetryAfter().toMillis() << i;
        }
        assertThat(Duration.ofMillis(total)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
}
