package dev.ibu.ports.contract;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link BackupPort} does with {@code oadpContent}: validate, back up by wave, export, restore, clean up. */
public abstract class BackupPortContractTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", Samples.NAMESPACE);

    /** Fresh for each test: OADP installed with one DPA, no ConfigMaps, no Backups or Restores. */
    public interface Fixture {
        BackupPort port();

        void putConfigMap(ConfigMapRef ref, Map<String, String> data);

        /** Lets Velero work (in memory: one tick; against a server: move the phases along). */
        void advance();

        /** Velero will fail the Backup of this name. */
        void failBackup(String name);

        default int rounds() {
            return 100;
        }
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private BackupPort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    private Either<PortFailure, WorkProgress> backupUntilFinished(List<ConfigMapRef> refs) {
        return Polling.until(() -> port.backup(refs), r -> r.isLeft() || r.get() instanceof WorkProgress.Done,
                f::advance, f.rounds());
    }

    @Test
    void validate_accepts_a_backup_paired_with_its_restore() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));

        assertThat(port.validate(List.of(OADP)).isRight()).isTrue();
    }

    @Test
    void validate_rejects_a_restore_of_an_unknown_backup_naming_both() {
        f.putConfigMap(OADP, Map.of(
                "backup.yaml", Samples.backupYaml("backup-apps", "1"),
                "restore.yaml", Samples.restoreYaml("restore-apps", "backup-other", "1")));

        Either<PortFailure, ?> v = port.validate(List.of(OADP));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(v.getLeft().message()).contains("backup-other").contains("restore-apps");
    }

    @Test
    void validate_rejects_a_backup_without_a_restore() {
        f.putConfigMap(OADP, Map.of("backup.yaml", Samples.backupYaml("backup-apps", "1")));

        Either<PortFailure, ?> v = port.validate(List.of(OADP));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
    }

    @Test
    void validate_of_a_missing_config_map_names_it() {
        Either<PortFailure, ?> v = port.validate(List.of(OADP));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft().message()).contains(OADP.name());
    }

    @Test
    void backups_run_to_done() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));

        assertThat(backupUntilFinished(List.of(OADP)).get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(port.backup(List.of(OADP)).get()).isInstanceOf(WorkProgress.Done.class);
    }

    @Test
    void a_failed_backup_is_terminal_and_named() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
        f.failBackup("backup-apps");

        Either<PortFailure, WorkProgress> r = backupUntilFinished(List.of(OADP));

        assertThat(r.isLeft()).isTrue();
        assertThat(r.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        // upstream names the Backups; an adapter may add why in parentheses
        assertThat(r.getLeft().message()).matches("Failed backup CRs: backup-apps( \\(.+\\))?");
    }

    @Test
    void a_failure_in_an_earlier_wave_is_reported_for_that_wave_only() {
        f.putConfigMap(OADP, Map.of(
                "b1.yaml", Samples.backupYaml("backup-first", "1"),
                "b2.yaml", Samples.backupYaml("backup-second", "2"),
                "r1.yaml", Samples.restoreYaml("restore-first", "backup-first", "1"),
                "r2.yaml", Samples.restoreYaml("restore-second", "backup-second", "2")));
        f.failBackup("backup-first");

        Either<PortFailure, WorkProgress> r = backupUntilFinished(List.of(OADP));

        assertThat(r.getLeft().message()).matches("Failed backup CRs: backup-first( \\(.+\\))?");
    }

    @Test
    void export_carries_the_restores_by_wave_group() {
        f.putConfigMap(OADP, Map.of(
                "b1.yaml", Samples.backupYaml("backup-late", "5"),
                "b2.yaml", Samples.backupYaml("backup-early", "1"),
                "r1.yaml", Samples.restoreYaml("restore-late", "backup-late", "5"),
                "r2.yaml", Samples.restoreYaml("restore-early", "backup-early", "1")));
        // as the engine does: export follows finished backups (a local backup's bundle pins what was written)
        backupUntilFinished(List.of(OADP));

        ExportBundle bundle = port.export(List.of(OADP)).get();

        // Restores sit under their wave group; the OADP configuration (DPA, its Secret) may sit beside them
        List<String> restores = bundle.files().keySet().toList().filter(n -> n.matches("\\d+/.*")).sorted();
        assertThat(restores).hasSize(2);
        assertThat(restores.get(0)).startsWith("1/").contains("restore-early");
        assertThat(restores.get(1)).startsWith("2/").contains("restore-late");
    }

    @Test
    void restoring_an_empty_bundle_is_done() {
        assertThat(port.restore(ExportBundle.EMPTY).get()).isInstanceOf(WorkProgress.Done.class);
    }

    @Test
    void restores_run_to_done_after_their_backups() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
        backupUntilFinished(List.of(OADP));
        ExportBundle exported = port.export(List.of(OADP)).get();

        Either<PortFailure, WorkProgress> r = Polling.until(() -> port.restore(exported),
                x -> x.isLeft() || x.get() instanceof WorkProgress.Done, f::advance, f.rounds());

        assertThat(r.get()).isInstanceOf(WorkProgress.Done.class);
    }

    /**
     * {@link BackupPort#onProgress}: a caller that asks again only when woken (no requeue) still sees its Backups
     * complete; the wake may come late or more than once, never not at all.
     */
    @Test
    void a_caller_that_asks_only_when_woken_sees_the_backups_complete() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
        AtomicInteger wakes = new AtomicInteger();
        port.onProgress(wakes::incrementAndGet);

        Either<PortFailure, WorkProgress> last = port.backup(List.of(OADP));
        int seen = 0;
        for (int i = 0; i < f.rounds() && !(last.isRight() && last.get() instanceof WorkProgress.Done); i++) {
            if (wakes.get() == seen) {
                f.advance();  // Velero works; the caller sleeps
            } else {
                seen = wakes.get();
                last = port.backup(List.of(OADP));  // woken: ask again
            }
        }

        assertThat(seen).isPositive();
        assertThat(last.get()).isInstanceOf(WorkProgress.Done.class);
    }

    @Test
    void cleanup_after_backups_succeeds_and_can_run_again() {
        f.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
        backupUntilFinished(List.of(OADP));

        assertThat(port.cleanup().isRight()).isTrue();
        assertThat(port.cleanup().isRight()).isTrue();
    }
}
