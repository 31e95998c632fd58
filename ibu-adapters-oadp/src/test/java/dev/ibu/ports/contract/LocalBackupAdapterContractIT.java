package dev.ibu.ports.contract;

import dev.ibu.adapters.oadp.local.LocalBackupAdapter;
import dev.ibu.adapters.oadp.local.LocalCluster;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BackupPort contract against the local backup: an API server, a node directory as the shared partition. The
 * local backup has no Velero to fail a Backup; {@link Fixture#failBackup} makes the partition refuse that Backup's
 * files (a full disk), which is how a local backup fails.
 */
class LocalBackupAdapterContractIT extends BackupPortContractTest {
    private LocalCluster cluster;

    @Override
    protected Fixture newFixture() {
        cluster = LocalCluster.start();
        Set<String> failing = ConcurrentHashMap.newKeySet();
        BackupPort port = new LocalBackupAdapter(cluster.client(), cluster.settings().withWrites(rel -> {
            for (String name : failing) {
                if (rel.contains("/backups/" + name + "/")) {
                    throw new IOException("No space left on device");
                }
            }
        }), () -> Either.right("4.16.3-contract"));
        return new Fixture() {
            @Override
            public BackupPort port() {
                return port;
            }

            @Override
            public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                cluster.client().configMaps().inNamespace(ref.namespace()).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(ref.name()).withNamespace(ref.namespace()).endMetadata()
                        .withData(data).build()).create();
            }

            @Override
            public void advance() {
                // the local backup works synchronously: nothing runs between calls
            }

            @Override
            public void failBackup(String name) {
                failing.add(name);
            }
        };
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }
}
