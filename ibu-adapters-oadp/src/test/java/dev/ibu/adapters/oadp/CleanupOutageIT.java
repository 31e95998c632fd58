package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Messages;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle cleanup while S3 is unreachable (seed document 15.3.4.2.2): the cleanup fails with upstream's message, no
 * Backup is lost, and a retry once S3 is back (what {@code lca.openshift.io/manual-cleanup-done} triggers) succeeds.
 */
class CleanupOutageIT {

    @Test
    void deletion_requests_that_never_finish_time_out_with_the_upstream_message_and_a_retry_succeeds() {
        try (OadpWorld w = backedUp()) {
            w.store.setReachable(false);
            w.velero.onOutage(TestVelero.OutageDeletion.HANG);

            Either<PortFailure, Void> first = w.adapter.cleanup();

            assertThat(first.getLeft()).isInstanceOf(PortFailure.Terminal.class);
            assertThat(first.getLeft().message())
                    .isEqualTo("failed to cleanup backups: failed to delete backups: context deadline exceeded");
            assertThat(Messages.cleanupFailed(java.util.List.of(first.getLeft().message()))).isEqualTo(
                    "failed to cleanup backups: failed to delete backups: context deadline exceeded Perform cleanup"
                            + " manually then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to"
                            + " transition back to Idle");
            assertThat(w.sleeps).as("polled once a second for about 5 minutes").isBetween(295, 305);
            assertThat(w.list(VeleroKinds.BACKUP)).hasSize(2);
            assertThat(w.store.backupKeys()).hasSize(2);
            assertThat(w.list(VeleroKinds.DELETE_BACKUP_REQUEST)).as("failed attempt reset").isEmpty();

            w.store.setReachable(true);
            Either<PortFailure, Void> retry = w.adapter.cleanup();

            assertThat(retry.isRight()).as("retry: %s", retry).isTrue();
            assertThat(w.list(VeleroKinds.BACKUP)).isEmpty();
            assertThat(w.store.backupKeys()).isEmpty();
            assertThat(w.list(VeleroKinds.DELETE_BACKUP_REQUEST)).isEmpty();
        }
    }

    @Test
    void a_request_processed_with_errors_names_the_request_and_its_errors() {
        try (OadpWorld w = backedUp()) {
            w.store.setReachable(false);
            w.velero.onOutage(TestVelero.OutageDeletion.PROCESS_WITH_ERRORS);

            Either<PortFailure, Void> result = w.adapter.cleanup();

            assertThat(result.getLeft().message()).isEqualTo("failed to cleanup backups: failed to delete backups:"
                    + " deleteBackupRequest app-a failed with errors: [error getting backup store: dial tcp:"
                    + " connection refused]");
            assertThat(w.list(VeleroKinds.BACKUP)).hasSize(2);
        }
    }

    @Test
    void the_step_form_never_blocks_and_reports_what_it_waits_for() {
        try (OadpWorld w = backedUp()) {
            w.store.setReachable(false);

            Either<PortFailure, WorkProgress> first = w.adapter.cleanupStep();
            assertThat(first.get()).isEqualTo(new WorkProgress.Waiting(
                    "Waiting for Velero to delete Backups: openshift-adp/app-a,openshift-adp/app-b"));
            assertThat(w.list(VeleroKinds.DELETE_BACKUP_REQUEST)).hasSize(2)
                    .allSatisfy(d -> assertThat(d.getMetadata().getLabels())
                            .containsEntry(OadpNames.CLUSTER_ID_LABEL, OadpWorld.CLUSTER_ID));
            assertThat(w.sleeps).isZero();

            w.clock.advance(Duration.ofMinutes(4));
            w.velero.tick();
            assertThat(w.adapter.cleanupStep().get()).isInstanceOf(WorkProgress.Waiting.class);

            w.clock.advance(Duration.ofMinutes(2));
            w.velero.tick();
            assertThat(w.adapter.cleanupStep().getLeft().message()).endsWith("context deadline exceeded");

            w.store.setReachable(true);
            Either<PortFailure, WorkProgress> again = Drive.until(w.adapter::cleanupStep, w.velero::tick, 10).last();
            assertThat(again.get()).isInstanceOf(WorkProgress.Done.class);
            assertThat(w.store.backupKeys()).isEmpty();
        }
    }

    @Test
    void the_deletion_bound_survives_an_agent_restart() {
        try (OadpWorld w = backedUp()) {
            w.store.setReachable(false);
            assertThat(w.adapter.cleanupStep().get()).isInstanceOf(WorkProgress.Waiting.class);

            OadpBackupAdapter restarted = w.adapter(w.clock, OadpWorld.FAST, d -> { });
            w.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

            assertThat(restarted.cleanupStep().getLeft().message())
                    .isEqualTo("failed to cleanup backups: failed to delete backups: context deadline exceeded");
        }
    }

    @Test
    void api_errors_are_transient_and_name_the_step() {
        try (OadpWorld w = backedUp()) {
            var fault = w.cluster.inject(q -> q.method().equals("GET") && q.path().contains("/backups"),
                    503, "etcdserver: leader changed");

            Either<PortFailure, WorkProgress> r = w.adapter.cleanupStep();

            assertThat(r.getLeft()).isEqualTo(PortFailure.transientFailure(
                    "failed to cleanup backups: failed to list backups: etcdserver: leader changed"));
            w.cluster.clearFaults();
            assertThat(fault.code()).isEqualTo(503);
        }
    }

    @Test
    void a_backup_whose_restore_is_still_running_is_kept() {
        try (OadpWorld w = backedUp()) {
            w.create(VeleroKinds.RESTORE, OadpWorld.resource(VeleroKinds.RESTORE, "r-app-a", OadpWorld.NS,
                    Map.of("spec", Map.of("backupName", "app-a"), "status", Map.of("phase", "InProgress"))));

            Either<PortFailure, WorkProgress> step = Drive.until(w.adapter::cleanupStep, () -> { }, 3).last();

            assertThat(step.get()).isEqualTo(new WorkProgress.Waiting("Waiting for Velero to delete Backups:"
                    + " openshift-adp/app-b,openshift-adp/app-a (kept until its Restore finishes)"));
            assertThat(w.get(VeleroKinds.BACKUP, "app-a")).isNotNull();
            assertThat(w.get(VeleroKinds.DELETE_BACKUP_REQUEST, "app-a")).isNull();
        }
    }

    /** A cluster whose two Backups completed (waves 1 and 2). */
    private static OadpWorld backedUp() {
        OadpWorld w = OadpWorld.standard();
        ConfigMapRef ref = w.configMap("oadp-cm", Map.of("content.yaml", Docs.stream(
                Docs.backup("app-a", "1"), Docs.backup("app-b", "2"),
                Docs.restore("r-app-a", "app-a", "1"), Docs.restore("r-app-b", "app-b", "2"))));
        Drive d = Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 50);
        assertThat(d.last().get()).isInstanceOf(WorkProgress.Done.class);
        return w;
    }
}
