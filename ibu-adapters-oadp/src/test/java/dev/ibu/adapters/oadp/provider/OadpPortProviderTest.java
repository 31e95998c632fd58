package dev.ibu.adapters.oadp.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.oadp.OadpAdapters;
import dev.ibu.adapters.oadp.OadpBackupAdapter;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.StaterootPort;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** The provider is built on the module's facade, and builds nothing it was not given the means for. */
class OadpPortProviderTest {
    private final OadpPortProvider provider = new OadpPortProvider();

    @Test
    void provides_the_backup_port_on_a_shared_client_or_facade_and_nothing_else() {
        Config nowhere = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(nowhere).build()) {
            PortContext onClient = new PortContext(Map.of(), Map.of(KubernetesClient.class, client));
            PortContext onFacade = new PortContext(Map.of(), Map.of(OadpAdapters.class,
                    new OadpAdapters(client, ClockPort.system())));

            assertThat(provider.ports()).containsExactly(BackupPort.class);
            assertThat(provider.create(BackupPort.class, onClient)).get().isInstanceOf(OadpBackupAdapter.class);
            assertThat(provider.create(BackupPort.class, onFacade)).get().isInstanceOf(OadpBackupAdapter.class);
            assertThat(provider.create(BackupPort.class, new PortContext(Map.of(), Map.of()))).isEmpty();
            assertThat(provider.create(StaterootPort.class, onClient)).isEmpty();
        }
    }
}
