package dev.ibu.agent.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.StaterootPort;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

/** {@code run}'s ports: the agent's builder over the discovered adapters; without a host, UnavailableHost. */
class HostWiringTest {
    @TempDir
    Path dir;

    @Test
    void without_a_host_the_host_ports_say_so_and_the_cluster_ports_are_the_k8s_adapters() {
        Config nowhere = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(nowhere).build()) {
            Either<String, Optional<HostAdapters>> host = HostWiring.open(HostWiring.NONE);
            assertThat(host.get()).isEmpty();

            EnginePortsBuilder builder = HostWiring.ports(client, "my-namespace", host.get());
            EnginePorts ports = builder.build();

            assertThat(builder.origins()).containsEntry(IbuResourcePort.class, "k8s")
                    .containsEntry(StaterootPort.class, "none (--host=none)")
                    .containsEntry(PrecachePort.class, "none (--host=none)");
            assertThat(ports.stateroots().status().getLeft().message()).isEqualTo(UnavailableHost.MESSAGE)
                    .contains("--host=/host");
            assertThat(ports.precache().status().getLeft().message()).isEqualTo(UnavailableHost.MESSAGE);
        }
    }

    @Test
    void a_host_without_a_sysroot_is_named_with_the_fix() {
        Either<String, Optional<HostAdapters>> host = HostWiring.open(dir.toString());

        assertThat(host.getLeft()).contains("--host=" + dir, dir.resolve("sysroot").toString(), "--host=none");
    }
}
