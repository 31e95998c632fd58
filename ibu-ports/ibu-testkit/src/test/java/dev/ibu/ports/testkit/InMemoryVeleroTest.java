package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Messages;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryVeleroTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");

    final TestWorld world = TestWorld.fresh();
    final InMemoryVelero velero = world.velero();

    InMemoryVeleroTest() {
        world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
    }

    ExportBundle backUpAndExport() {
        velero.backup(List.of(OADP));
        world.tick(2);
        assertThat(velero.backup(List.of(OADP)).get()).isInstanceOf(WorkProgress.Done.class);
        return velero.export(List.of(OADP)).get();
    }

    @Test
    void a_backup_moves_from_created_to_in_progress_to_completed() {
        assertThat(velero.backup(List.of(OADP)).get())
                .isEqualTo(new WorkProgress.Progressing(Messages.BACKUP_IN_PROGRESS));
        assertThat(velero.backupPhases().get("backup-apps").get()).isEmpty();

        world.tick();
        assertThat(velero.backupPhases().get("backup-apps").get()).isEqualTo("InProgress");
        world.tick();
        assertThat(velero.backupPhases().get("backup-apps").get()).isEqualTo("Completed");
    }

    @Test
    void oadp_not_installed_fails_validation() {
        velero.oadpInstalled(false);

        assertThat(velero.validate(List.of(OADP)).getLeft().message())
                .contains("Please ensure OADP operator is installed in the openshift-adp");
    }

    @Test
    void restores_wait_while_velero_has_not_synced_the_backups() {
        ExportBundle exported = backUpAndExport();
        velero.syncLate(2);

        assertThat(velero.restore(exported).get()).isInstanceOf(WorkProgress.Waiting.class);
        world.tick(2);
        assertThat(velero.restore(exported).get())
                .isEqualTo(new WorkProgress.Progressing(Messages.RESTORE_IN_PROGRESS));
        world.tick(2);
        assertThat(velero.restore(exported).get()).isInstanceOf(WorkProgress.Done.class);
    }

    @Test
    void a_failed_restore_is_terminal_and_named() {
        velero.failRestore("restore-apps");
        ExportBundle exported = backUpAndExport();

        velero.restore(exported);
        world.tick(2);

        assertThat(velero.restore(exported).getLeft()).isEqualTo(PortFailure.terminal("Failed restore CRs: restore-apps"));
    }

    @Test
    void lost_object_storage_fails_cleanup_until_it_is_back() {
        backUpAndExport();
        velero.loseS3(true);

        assertThat(velero.cleanup().getLeft()).isEqualTo(PortFailure.terminal(InMemoryVelero.S3_LOST));
        assertThat(velero.deletedBackups()).isEmpty();

        velero.loseS3(false);
        assertThat(velero.cleanup().isRight()).isTrue();
        assertThat(velero.deletedBackups()).containsExactly("openshift-adp/backup-apps");
    }

    @Test
    void deleting_a_backup_before_its_restore_completed_is_recorded_as_a_violation() {
        ExportBundle exported = backUpAndExport();
        velero.restore(exported);

        velero.cleanup();

        assertThat(velero.violations()).containsExactly(
                "Backup openshift-adp/backup-apps deleted while Restore openshift-adp/restore-apps was pending");
    }

    @Test
    void cleanup_after_restores_completed_is_no_violation() {
        ExportBundle exported = backUpAndExport();
        velero.restore(exported);
        world.tick(2);
        assertThat(velero.restore(exported).get()).isInstanceOf(WorkProgress.Done.class);

        velero.cleanup();

        assertThat(velero.violations()).isEmpty();
    }

    @Test
    void documents_of_other_kinds_are_ignored() {
        world.cluster().putConfigMap(OADP, java.util.Map.of(
                "backup.yaml", Samples.backupYaml("backup-apps", "1"),
                "restore.yaml", Samples.restoreYaml("restore-apps", "backup-apps", "1"),
                "cm.yaml", Samples.configMapYaml("not-velero", "default", "")));

        assertThat(velero.validate(List.of(OADP)).isRight()).isTrue();
    }
}
