package dev.ibu.adapters.k8s.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.K8sAdapters;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecretPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.ibu.adapters.k8s.AgentApi;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

/** The provider is built on the module's facade: a shared one, else one on the shared client and settings. */
class K8sPortProviderIT {
    AgentApi api;
    KubernetesClient client;

    @BeforeEach
    void start() {
        api = AgentApi.start(getClass());
        client = api.agent();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private final K8sPortProvider provider = new K8sPortProvider();
    private final ClockPort clock = () -> Instant.parse("2030-01-02T03:04:05Z");

    @Test
    void without_a_client_or_a_facade_it_provides_nothing() {
        PortContext empty = new PortContext(Map.of(), Map.of());
        assertThat(provider.ports()).hasSize(8)
                .allSatisfy(port -> assertThat(provider.create(port, empty)).as("%s", port).isEmpty());
    }

    @Test
    void on_a_shared_client_every_port_is_built_with_the_namespace_setting() {
        PortContext context = new PortContext(Map.of(K8sPortProvider.NAMESPACE, "my-operator"),
                Map.of(KubernetesClient.class, client, ClockPort.class, clock));

        assertThat(provider.ports())
                .allSatisfy(port -> assertThat(provider.create(port, context)).as("%s", port).isPresent());
        assertThat(missingPullSecret(context).getLeft().message()).contains("Secret my-operator/absent");
    }

    @Test
    void a_shared_facade_wins_over_the_client_and_settings() {
        PortContext context = new PortContext(Map.of(K8sPortProvider.NAMESPACE, "from-setting"),
                Map.of(KubernetesClient.class, client, K8sAdapters.class, new K8sAdapters(client, "from-facade",
                        clock)));

        assertThat(missingPullSecret(context).getLeft().message()).contains("Secret from-facade/absent");
    }

    @Test
    void the_namespace_defaults_to_upstreams() {
        PortContext context = new PortContext(Map.of(), Map.of(KubernetesClient.class, client));

        assertThat(missingPullSecret(context).getLeft().message())
                .contains("Secret " + K8sAdapters.DEFAULT_NAMESPACE + "/absent");
    }

    private Either<PortFailure, ?> missingPullSecret(PortContext context) {
        Either<PortFailure, ?> read = provider.create(PullSecretPort.class, context).orElseThrow().read("absent");
        assertThat(read.isLeft()).as("%s", read).isTrue();
        return read;
    }
}
