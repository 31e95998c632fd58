package dev.ibu.ports.contract;

import dev.ibu.adapters.oadp.OadpWorld;
import dev.ibu.adapters.oadp.VeleroKinds;
import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.List;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * The BackupPort contract shared with the in-memory test kit, against the strict API server (as the agent's ServiceAccount) and the test Velero.
 * It lives in the contract's package only to adapt one test (see {@link #export_carries_the_restores_by_wave_group}).
 */
class OadpBackupAdapterContractIT extends BackupPortContractTest {
    private OadpWorld world;

    @Override
    protected Fixture newFixture() {
        world = OadpWorld.standard();
        return new Fixture() {
            @Override
            public BackupPort port() {
                return world.adapter;
            }

            @Override
            public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                world.client().configMaps().inNamespace(ref.namespace()).resource(
                        new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(ref.name())
                                .withNamespace(ref.namespace()).endMetadata().withData(data).build()).create();
            }

            @Override
            public void advance() {
                world.velero.tick();
            }

            @Override
            public void failBackup(String name) {
                world.velero.failBackup(name, "Failed");
            }
        };
    }

    /**
     * The contract expects the bundle to hold only the two Restores; this adapter also carries the DPA and its
     * credentials Secret ({@code dpa/...}, {@code secret/...}), as the spec requires (oadp-and-manifests.md §1.8).
     * Same assertions on the Restore files, plus the configuration files. Contract change proposed to the lead.
     */
    @Override
    @Test
    void export_carries_the_restores_by_wave_group() {
        world.configMap("oadp-cm", Map.of(
                "b1.yaml", Samples.backupYaml("backup-late", "5"),
                "b2.yaml", Samples.backupYaml("backup-early", "1"),
                "r1.yaml", Samples.restoreYaml("restore-late", "backup-late", "5"),
                "r2.yaml", Samples.restoreYaml("restore-early", "backup-early", "1")));

        ExportBundle bundle = world.adapter.export(List.of(OADP)).get();

        List<String> names = bundle.files().keySet().toList().sorted();
        List<String> restores = names.filter(n -> !n.startsWith("dpa/") && !n.startsWith("secret/"));
        assertThat(restores).hasSize(2);
        assertThat(restores.get(0)).startsWith("1/").contains("restore-early");
        assertThat(restores.get(1)).startsWith("2/").contains("restore-late");
        assertThat(names).contains("dpa/dataprotectionapplication.yaml", "secret/cloud-credentials.yaml");
        assertThat(world.list(VeleroKinds.BACKUP)).isEmpty();
    }

    @AfterEach
    void closeWorld() {
        world.close();
    }
}
