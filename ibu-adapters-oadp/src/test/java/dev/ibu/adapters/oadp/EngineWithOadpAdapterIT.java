package dev.ibu.adapters.oadp;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine with this adapter as its BackupPort (everything else from the in-memory test kit): the seed
 * document's Prep -> Upgrade -> reboot -> restores -> finalize, and a finalize during an S3 outage that ends in
 * FinalizeFailed with upstream's message and recovers through {@code lca.openshift.io/manual-cleanup-done}.
 */
class EngineWithOadpAdapterIT {
    private final TestWorld world = TestWorld.fresh();
    private OadpWorld oadp;
    private UpgradeEngine engine;

    @Test
    void upgrade_with_application_backups_then_finalize_during_an_s3_outage() {
        try (OadpWorld o = OadpWorld.standard(world.clock())) {
            oadp = o;
            startWith(o.configMap("oadp-cm-example", Map.of("apps.yaml", Docs.stream(
                    Docs.backup("apache-app", "1"), Docs.backup("db", "2"),
                    Docs.restore("apache-app", "apache-app", "1"), Docs.restore("db", "db", "2")))));

            world.requestStage(Stage.PREP);
            settle();
            assertThat(conditions()).contains("PrepCompleted True Completed Prep stage completed successfully");

            world.requestStage(Stage.UPGRADE);
            settle();
            assertThat(world.host().rebootPending()).as(conditions().toString()).isTrue();
            assertThat(o.store.backupKeys()).containsExactlyInAnyOrder("openshift-adp/apache-app", "openshift-adp/db");

            o.wipeForPivot();
            o.velero.syncLate(3);
            world.completeReboot();
            restartAgent();
            settle();
            assertThat(conditions()).contains("UpgradeCompleted True Completed Upgrade completed");
            assertThat(o.velero.log()).contains("restore-completed apache-app", "restore-completed db");

            o.store.setReachable(false);
            world.requestStage(Stage.IDLE);
            settle();
            assertThat(conditions()).contains("Idle False FinalizeFailed failed to cleanup backups: failed to delete"
                    + " backups: context deadline exceeded Perform cleanup manually then add"
                    + " 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to transition back to Idle");
            assertThat(o.list(VeleroKinds.BACKUP)).hasSize(2);

            o.store.setReachable(true);
            o.velero.tick();
            world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
            settle();
            assertThat(conditions()).containsExactly("Idle True Idle Idle");
            assertThat(o.list(VeleroKinds.BACKUP)).isEmpty();
            assertThat(o.store.backupKeys()).isEmpty();
        }
    }

    @Test
    void a_failed_restore_fails_the_upgrade_and_rolls_back_to_the_original_stateroot() {
        try (OadpWorld o = OadpWorld.standard(world.clock())) {
            oadp = o;
            startWith(o.configMap("oadp-cm-example", Map.of("apps.yaml", Docs.stream(
                    Docs.backup("apache-app", "1"), Docs.restore("apache-app", "apache-app", "1")))));
            world.requestStage(Stage.PREP);
            settle();
            String original = world.host().bootedStateroot();
            world.requestStage(Stage.UPGRADE);
            settle();
            o.wipeForPivot();
            o.velero.failRestore("apache-app", "PartiallyFailed");
            world.completeReboot();
            restartAgent();
            settle();

            assertThat(world.host().rebootPending()).isTrue();
            assertThat(world.host().defaultStateroot()).isEqualTo(original);
            assertThat(o.store.backupKeys()).as("the backup outlives the failed restore").hasSize(1);
            assertThat(conditions()).contains("UpgradeInProgress False Failed Failed restore CRs: apache-app");
        }
    }

    @Test
    void restore_content_made_invalid_after_prep_fails_the_upgrade_at_export_as_upstream() {
        try (OadpWorld o = OadpWorld.standard(world.clock())) {
            oadp = o;
            startWith(o.configMap("oadp-cm-example", Map.of("apps.yaml", Docs.stream(
                    Docs.backup("apache-app", "1"), Docs.restore("apache-app", "apache-app", "1")))));
            world.requestStage(Stage.PREP);
            settle();
            // edited after Prep validated it: the Restore's wave is no longer a number
            o.client().configMaps().inNamespace(OadpWorld.NS).withName("oadp-cm-example").edit(cm -> {
                cm.setData(Map.of("apps.yaml", Docs.stream(Docs.backup("apache-app", "1"),
                        Docs.restore("apache-app", "apache-app", "one"))));
                return cm;
            });
            world.requestStage(Stage.UPGRADE);
            settle();

            assertThat(world.host().rebootPending()).isFalse();
            assertThat(conditions()).contains("UpgradeInProgress False Failed failed to export restores: failed to "
                    + "sort restore CRs: error convert: strconv.Atoi: parsing \"one\": invalid syntax");
        }
    }

    /** The agent starts, creates the IBU, and the user sets spec.oadpContent and the seed. */
    private void startWith(ConfigMapRef ref) {
        restartAgent();
        settle();
        world.cluster().patchSpec(s -> new Spec(s.stage(), world.seedImageRef(), List.of(ref), s.extraManifests(),
                s.autoRollbackOnFailure()));
    }

    private void restartAgent() {
        EnginePorts in = new EnginePorts(world.cluster(), world.cluster(), world.cluster(), world.cluster(),
                world.cluster(), world.cluster(), oadp.adapter, world.registry(), world.host(), world.precache(),
                world.host(), world.host(), world.host(), world.cluster(), world.clock());
        engine = new UpgradeEngine(in);
        engine.initialize();
    }

    /** As the agent: reconcile, wait the requeue (clock and both worlds move), until idle or a reboot is due. */
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
            oadp.velero.tick();
        }
    }

    private java.util.List<String> conditions() {
        ImageBasedUpgrade ibu = world.cluster().currentIbu();
        return ibu.status().conditions().items()
                .map(c -> c.type() + " " + c.status() + " " + c.reason() + " " + c.message()).toJavaList();
    }
}
