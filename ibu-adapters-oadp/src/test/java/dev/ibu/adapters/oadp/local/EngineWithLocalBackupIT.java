package dev.ibu.adapters.oadp.local;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine, unchanged, with the local backup as its BackupPort (everything else from the in-memory test kit):
 * Prep, Upgrade with the backup on the partition, the pivot (API server wiped, partition kept), the restore, and
 * finalize deleting the directory; and a backup changed during the pivot that fails the upgrade and rolls back.
 */
class EngineWithLocalBackupIT {
    private final TestWorld world = TestWorld.fresh();
    private final LocalCluster cluster = LocalCluster.start();
    private final LocalBackupAdapter adapter = new LocalBackupAdapter(cluster.client(), cluster.settings(),
            () -> Either.right("4.16.3-engine"));
    private final Path dir = cluster.hostRoot().resolve(LocalLayout.HOST_RELATIVE_ROOT).resolve("4.16.3-engine");
    private UpgradeEngine engine;

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void upgrade_keeps_the_application_on_the_partition_restores_it_and_finalize_deletes_it() {
        upToThePivot();

        cluster.wipe();
        world.completeReboot();
        restartAgent();
        settle();

        assertThat(conditions()).contains("UpgradeCompleted True Completed Upgrade completed");
        assertThat(ShopApplication.get(cluster.client(), "Widget/shop/w1")).isNotNull();
        assertThat(ShopApplication.get(cluster.client(), "Secret/shop/web-tls")).isNotNull();

        world.requestStage(Stage.IDLE);
        settle();
        assertThat(conditions()).containsExactly("Idle True Idle Idle");
        assertThat(dir.getParent()).doesNotExist();
    }

    @Test
    void a_backup_file_changed_across_the_pivot_fails_the_upgrade_before_restoring_and_rolls_back() throws Exception {
        upToThePivot();
        String original = world.host().bootedStateroot();
        Path secret = dir.resolve("backups/shop-apps/resources/secrets/namespaces/shop/web-tls.yaml");
        Files.writeString(secret, Files.readString(secret).replace("kubernetes.io/tls", "Opaque"));

        cluster.wipe();
        world.completeReboot();
        String upgraded = world.host().bootedStateroot();
        restartAgent();
        settle();

        assertThat(conditions()).anyMatch(c -> c.startsWith("UpgradeInProgress False Failed Failed restore CRs: the local"
                + " backup under ") && c.contains("altered file backups/shop-apps/resources/secrets/namespaces/shop/web-tls.yaml"));
        assertThat(ShopApplication.get(cluster.client(), "Namespace//shop")).as("nothing restored").isNull();
        assertThat(world.host().rebootPending()).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(original).isNotEqualTo(upgraded);
    }

    private void upToThePivot() {
        ShopApplication.deploy(cluster.client());
        restartAgent();
        settle();
        world.cluster().patchSpec(s -> new Spec(s.stage(), world.seedImageRef(), ShopApplication.content(),
                s.extraManifests(), s.autoRollbackOnFailure()));
        world.requestStage(Stage.PREP);
        settle();
        assertThat(conditions()).contains("PrepCompleted True Completed Prep stage completed successfully");
        world.requestStage(Stage.UPGRADE);
        settle();
        assertThat(world.host().rebootPending()).as(conditions().toString()).isTrue();
        assertThat(dir.resolve(LocalLayout.MANIFEST)).exists();
    }

    private void restartAgent() {
        EnginePorts in = new EnginePorts(world.cluster(), world.cluster(), world.cluster(), world.cluster(),
                world.cluster(), world.cluster(), adapter, world.registry(), world.host(), world.precache(),
                world.host(), world.host(), world.host(), world.cluster(), world.clock());
        engine = new UpgradeEngine(in);
        engine.initialize();
    }

    private void settle() {
        for (int i = 0; i < 300; i++) {
            ReconcileResult r = engine.reconcile(ReconcileCommand.singleton("it-" + i));
            if (world.host().rebootPending()) {
                return;
            }
            Option<Duration> wait = r.error().isDefined() ? Option.some(Duration.ofSeconds(5)) : r.requeueAfter();
            if (wait.isEmpty()) {
                return;
            }
            world.tick(wait.get());
        }
    }

    private java.util.List<String> conditions() {
        ImageBasedUpgrade ibu = world.cluster().currentIbu();
        return ibu.status().conditions().items()
                .map(c -> c.type() + " " + c.status() + " " + c.reason() + " " + c.message()).toJavaList();
    }
}
