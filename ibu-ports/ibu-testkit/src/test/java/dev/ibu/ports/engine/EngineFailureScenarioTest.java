package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.Seed;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Bad input and failures: each leaves a condition that names what failed, and loses nothing. */
class EngineFailureScenarioTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final String ORIGINAL = "rhcos_4.14.0";

    private TestWorld world = TestWorld.fresh();
    private EngineHarness h;

    private void start(boolean withOadp) {
        if (withOadp) {
            world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apps", "apps"));
        }
        h = new EngineHarness(world);
        h.settle();
        if (withOadp) {
            world.cluster().patchSpec(s -> new Spec(s.stage(), s.seedImageRef(), List.of(OADP), List.empty(),
                    Option.none()));
        }
    }

    /** Idle (abort) ends in the single Idle condition, with only the original stateroot left. */
    private void abortBackToIdleWithOnlyTheOriginalStateroot() {
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(world.host().staterootNames()).containsExactly(ORIGINAL);
    }

    private void prep() {
        world.requestPrep();
        h.settle();
    }

    private void upgradeToPivot() {
        prep();
        h.request(Stage.UPGRADE);
        h.settle();
        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        h.completeReboot();
    }

    @Test
    void abort_after_prep_removes_the_new_stateroot_and_precache_but_never_the_booted_one() {
        start(true);
        prep();
        assertThat(world.host().staterootNames()).contains(world.newStateroot());
        abortBackToIdleWithOnlyTheOriginalStateroot();
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
    }

    @Test
    void abort_failed_on_an_s3_outage_then_the_manual_cleanup_annotation_retries() {
        start(true);
        prep();
        world.velero().loseS3(true);
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("Idle False AbortFailed \"failed to delete all the backup CRs. "
                + "Perform cleanup manually then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to "
                + "transition back to Idle\"");
        assertThat(Snapshot.validNextStages(h.ibu())).isEmpty();
        assertThat(h.results.get(h.results.size() - 1).requeueAfter()).contains(java.time.Duration.ofMinutes(5));

        world.velero().loseS3(false);
        h.reconcile();
        assertThat(Snapshot.last(h.ibu())).contains("AbortFailed");
        world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(h.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)).isFalse();
    }

    @Test
    void finalize_failed_when_the_old_stateroot_cannot_be_removed_then_retried() {
        start(false);
        upgradeToPivot();
        h.settle();
        world.faults().failAlways(Op.STATEROOT_REMOVE, PortFailure.terminal("rm -rf /sysroot/ostree/deploy/"
                + ORIGINAL + ": device busy"));
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).startsWith("Idle False FinalizeFailed \"failed to remove 1 stateroots: "
                + "rm -rf /sysroot/ostree/deploy/rhcos_4.14.0: device busy;").endsWith("transition back to Idle\"");
        assertThat(world.host().staterootNames()).contains(ORIGINAL, world.newStateroot());

        world.faults().clear(Op.STATEROOT_REMOVE);
        world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "done");
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(world.host().staterootNames()).containsExactly(world.newStateroot());
    }

    @Test
    void prep_fails_when_the_seed_is_not_newer_than_the_cluster() {
        world = TestWorld.builder().seed(Seed.of("quay.io/x/seed:4.14.0", "4.14.0")).build();
        start(false);
        prep();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate IBU spec: "
                + "failed to validate seed image OCP version: seed OCP version (4.14.0) must be higher than current "
                + "OCP version (4.14.0)\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
        assertThat(world.host().staterootNames()).containsExactly(ORIGINAL);
    }

    @Test
    void prep_fails_on_a_seed_of_another_format_version() {
        world = TestWorld.builder().seed(Seed.of(TestWorld.DEFAULT_SEED_IMAGE, "4.15.2")
                .withFormatVersion(Option.some("3"))).build();
        start(false);
        prep();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate seed image "
                + "info: checking seed image compatibility: seed image format version mismatch: expected 4, got 3\"");
    }

    @Test
    void prep_fails_naming_a_missing_pull_secret() {
        start(false);
        world.cluster().patchSpec(s -> new Spec(Stage.PREP, new SeedImageRef("4.15.2", TestWorld.DEFAULT_SEED_IMAGE,
                Option.some("seed-pull-secret")), s.oadpContent(), s.extraManifests(), s.autoRollbackOnFailure()));
        h.settle();
        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: ")
                .contains("seed-pull-secret");
    }

    @Test
    void prep_fails_naming_a_missing_oadp_configmap() {
        start(false);
        world.cluster().patchSpec(s -> new Spec(Stage.PREP, world.seedImageRef(),
                List.of(new ConfigMapRef("missing-cm", "openshift-adp")), List.empty(), Option.none()));
        h.settle();
        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: ")
                .contains("openshift-adp/missing-cm");
    }

    @Test
    void prep_fails_when_the_stateroot_job_fails_and_says_why() {
        start(false);
        world.host().failNextSetup("version specified in seed image (4.15.3) differs from version in spec (4.15.2)");
        prep();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"stateroot setup job failed to "
                + "complete. job-name: lca-prep-stateroot-setup, job-namespace: openshift-lifecycle-agent: version "
                + "specified in seed image (4.15.3) differs from version in spec (4.15.2)\"");
        h.request(Stage.IDLE);
        h.settle();
        assertThat(world.host().staterootNames()).containsExactly(ORIGINAL);
    }

    @Test
    void a_failed_backup_fails_the_upgrade_before_the_pivot_and_abort_goes_back() {
        start(true);
        world.velero().failBackup("apps");
        prep();
        h.request(Stage.UPGRADE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Failed backup CRs: apps\"");
        assertThat(world.host().rebootPending()).isFalse();
        assertThat(world.host().defaultStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    @Test
    void a_failed_restore_after_the_pivot_rolls_back_automatically_and_abort_cleans_up() {
        start(true);
        world.velero().failRestore("apps");
        upgradeToPivot();
        h.settle();
        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(ORIGINAL);
        h.completeReboot();
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Rollback due to restore "
                + "failure: Failed restore CRs: apps\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
        abortBackToIdleWithOnlyTheOriginalStateroot();
    }

    @Test
    void the_init_monitor_rolls_back_when_the_upgrade_does_not_finish() {
        start(false);
        upgradeToPivot();
        world.cluster().setHealth(dev.ibu.ports.out.HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet "
                + "ready: authentication");
        h.reconcile();
        assertThat(world.fireInitMonitor()).isEqualTo("Rollback due to LCA Init Monitor timeout, after 30m0s");
        h.restartAgent();
        world.cluster().setHealthy();
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Rollback due to LCA Init "
                + "Monitor timeout, after 30m0s\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
    }

    @Test
    void an_agent_restart_after_the_reboot_request_but_before_the_node_goes_down_is_not_a_rollback() {
        start(true);
        prep();
        h.request(Stage.UPGRADE);
        h.settle();
        // both copies are saved and the new stateroot is the default; the agent restarts before the node reboots
        assertThat(world.host().rebootPending()).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(world.newStateroot());
        h.restartAgent();
        h.reconcile();
        assertThat(Snapshot.all(h.ibu())).doesNotContain("Uncontrolled rollback").doesNotContain("Failed");
        h.completeReboot();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeCompleted True Completed \"Upgrade completed\"");
    }

    @Test
    void a_power_loss_before_the_pivot_with_the_uncontrolled_copy_saved_comes_back_as_upgrade_failed() {
        start(false);
        prep();
        h.request(Stage.UPGRADE);
        h.settle();
        // the node does not boot the new stateroot (say its boot failed and the firmware fell back)
        world.host().setDefault(ORIGINAL);
        world.powerCycle();
        h.restartAgent();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Uncontrolled rollback\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
        abortBackToIdleWithOnlyTheOriginalStateroot();
    }

    @Test
    void a_status_write_conflict_is_redecided_on_the_next_pass() {
        start(false);
        world.faults().failOnce(Op.IBU_WRITE_STATUS, PortFailure.conflict("the object has been modified"));
        world.requestPrep();
        var r = h.reconcile();
        assertThat(r.requeueAfter()).contains(java.time.Duration.ZERO);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepCompleted True Completed \"Prep stage completed "
                + "successfully\"");
    }

    @Test
    void a_rollback_that_cannot_set_the_default_fails_and_says_so() {
        start(false);
        upgradeToPivot();
        h.settle();
        world.faults().failAlways(Op.STATEROOT_SET_DEFAULT, PortFailure.terminal("ostree admin set-default: "
                + "permission denied"));
        h.request(Stage.ROLLBACK);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("RollbackInProgress False Failed \"failed to make stateroot "
                + "rhcos_4.14.0 the default: ostree admin set-default: permission denied\"");
        assertThat(Snapshot.validNextStages(h.ibu())).isEmpty();
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("Idle False InvalidTransition \"Transition to Idle not allowed "
                + "- Rollback failed\"");
        assertThat(world.host().staterootNames()).contains(ORIGINAL, world.newStateroot());
    }

    @Test
    void extra_manifests_with_a_machine_config_fail_prep_naming_the_configmap() {
        ConfigMapRef extra = new ConfigMapRef("extra", "openshift-lifecycle-agent");
        world.cluster().putConfigMap(extra, Map.of("mc.yaml", Samples.machineConfigYaml("99-bad")));
        start(false);
        world.cluster().patchSpec(s -> new Spec(Stage.PREP, world.seedImageRef(), List.empty(), List.of(extra),
                Option.none()));
        h.settle();
        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: ")
                .contains("extra").contains("MachineConfig");
    }

    @Test
    void a_second_cycle_for_the_version_already_booted_fails_prep_and_can_still_be_aborted() {
        start(false);
        upgradeToPivot();
        h.settle();
        h.request(Stage.IDLE);
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo(world.newStateroot());
        // the same seed again: Prep fails (not newer), and Idle must abort rather than do nothing for ever
        world.requestPrep();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).contains("must be higher than current OCP version (4.15.2)");
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(world.host().staterootNames()).containsExactly(world.newStateroot());
    }

    @Test
    void prep_never_targets_the_booted_stateroot_even_when_cluster_version_lags() {
        start(false);
        upgradeToPivot();
        h.settle();
        h.request(Stage.IDLE);
        h.settle();
        world.cluster().setVersion("4.14.0");  // ClusterVersion not updated yet: the version check would pass
        world.requestPrep();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate IBU spec: "
                + "spec.seedImageRef.version 4.15.2 names the booted stateroot rhcos_4.15.2, so the cluster already "
                + "runs it; use a seed of a newer version\"");
        assertThat(world.host().bootedStateroot()).isEqualTo(world.newStateroot());
    }

    @Test
    void deleting_the_resource_mid_upgrade_restores_it_and_deleting_it_while_idle_recreates_it_fresh() {
        start(true);
        prep();
        var before = h.ibu();
        world.cluster().delete();
        h.deleted(before);
        assertThat(Snapshot.conditions(h.ibu())).isEqualTo(Snapshot.conditions(before));
        assertThat(h.ibu().spec()).isEqualTo(before.spec());
        assertThat(world.host().savedIbu(ORIGINAL)).isEmpty();
        h.request(Stage.IDLE);
        h.settle();
        var idle = h.ibu();
        world.cluster().delete();
        h.deleted(idle);
        assertThat(Snapshot.conditions(h.ibu())).isEmpty();
        assertThat(h.ibu().spec().stage()).isEqualTo(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    @Test
    void a_rejected_request_is_announced_by_one_warning_event_not_one_per_pass() {
        start(false);
        h.request(Stage.ROLLBACK);
        h.reconcile();
        h.reconcile();
        h.reconcile();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("RollbackInProgress False InvalidTransition \"Upgrade not "
                + "started or already finalized\"");
        assertThat(world.cluster().events().filter(e -> e.reason().equals("InvalidTransition")).map(e -> e.message()))
                .containsExactly("Stage transition to Rollback rejected: Upgrade not started or already finalized; "
                        + "valid next stages: Prep");
    }

    @Test
    void backup_deletion_in_progress_keeps_the_reconcile_free_and_finishes_later() {
        start(true);
        prep();
        int[] looks = {0};
        var waitingVelero = new PendingCleanup(world.velero(), looks) {
            @Override
            public io.vavr.control.Either<PortFailure, Void> cleanup() {
                throw new AssertionError("the engine must not block on cleanup()");
            }
        };
        h = new EngineHarness(world, p -> new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(), p.health(),
                p.clusterInfo(), p.extraManifests(), waitingVelero, p.seedImages(), p.stateroots(), p.precache(),
                p.reboot(), p.stateStore(), p.certificates(), p.events(), p.clock()));
        h.request(Stage.IDLE);
        var first = h.reconcile();
        assertThat(first.requeueAfter()).contains(java.time.Duration.ofSeconds(30));
        assertThat(Snapshot.last(h.ibu())).isEqualTo("Idle False Aborting \"Aborting\"");
        h.settle();
        assertThat(looks[0]).isEqualTo(3);
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    @Test
    void a_manual_cleanup_retry_whose_backup_deletion_is_pending_carries_on_without_a_second_annotation() {
        start(true);
        prep();
        world.velero().loseS3(true);
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).contains("AbortFailed");
        world.velero().loseS3(false);
        int[] looks = {0};
        h = new EngineHarness(world, p -> new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(), p.health(),
                p.clusterInfo(), p.extraManifests(), new PendingCleanup(world.velero(), looks), p.seedImages(),
                p.stateroots(), p.precache(), p.reboot(), p.stateStore(), p.certificates(), p.events(), p.clock()));
        world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
        h.reconcile();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("Idle False Aborting \"Aborting\"");
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    @Test
    void a_transient_failure_in_a_handler_still_writes_what_the_pass_decided() {
        start(false);
        world.faults().failOnce(Op.HEALTH_CHECK, PortFailure.transientFailure("API server timeout"));
        world.requestPrep();
        var r = h.reconcile();
        assertThat(r.error().map(e -> e.message())).contains("API server timeout");
        assertThat(h.ibu().status().history().map(e -> e.stage())).containsExactly("Prep");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
    }

    /** Velero as it really is: deleting backups takes a few looks. */
    private static class PendingCleanup implements dev.ibu.ports.out.BackupPort {
        private final dev.ibu.ports.out.BackupPort real;
        private final int[] looks;

        PendingCleanup(dev.ibu.ports.out.BackupPort real, int[] looks) {
            this.real = real;
            this.looks = looks;
        }

        public io.vavr.control.Either<PortFailure, dev.ibu.ports.out.ManifestValidation> validate(List<ConfigMapRef> c) {
            return real.validate(c);
        }

        public io.vavr.control.Either<PortFailure, dev.ibu.ports.out.WorkProgress> backup(List<ConfigMapRef> c) {
            return real.backup(c);
        }

        public io.vavr.control.Either<PortFailure, dev.ibu.ports.out.ExportBundle> export(List<ConfigMapRef> c) {
            return real.export(c);
        }

        public io.vavr.control.Either<PortFailure, dev.ibu.ports.out.WorkProgress> restore(
                dev.ibu.ports.out.ExportBundle b) {
            return real.restore(b);
        }

        public io.vavr.control.Either<PortFailure, Void> cleanup() {
            return real.cleanup();
        }

        public io.vavr.control.Either<PortFailure, dev.ibu.ports.out.WorkProgress> cleanupStep() {
            return ++looks[0] < 3 ? io.vavr.control.Either.right(new dev.ibu.ports.out.WorkProgress.Waiting("pending"))
                    : real.cleanupStep();
        }
    }
}
