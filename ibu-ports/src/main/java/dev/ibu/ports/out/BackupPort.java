package dev.ibu.ports.out;

import dev.ibu.domain.ConfigMapRef;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Application backup and restore through OADP (Velero Backup and Restore CRs), by apply wave. */
public interface BackupPort {
    /**
     * Validates the {@code oadpContent} ConfigMaps at Prep: OADP present, one DataProtectionApplication, Backups and
     * Restores consistent. Errors are {@link PortFailure.Invalid}; pitfalls (LVM Storage) are warnings.
     */
    Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent);

    /**
     * Creates or tracks the Backups wave by wave. Done when all completed; Terminal {@code Failed backup CRs: a,b}
     * when any failed.
     */
    Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent);

    /**
     * The Restore CRs and OADP configuration to carry across the pivot. A failure names the part in upstream's words,
     * {@code failed to export OADP configuration: ...} or {@code failed to export restores: ...}; content the user
     * must fix (a Restore that does not decode, an apply-wave that is not a number) is {@link PortFailure.Invalid}.
     */
    Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent);

    /**
     * After the pivot: recreates the OADP configuration if needed, then creates or tracks the Restores wave by wave,
     * each once Velero has synced its Backup. Terminal {@code Failed restore CRs: a,b} when any failed.
     */
    Either<PortFailure, WorkProgress> restore(ExportBundle exported);

    /**
     * Asks to be woken when what {@link #backup}, {@link #restore} or {@link #cleanupStep} waits for may have moved on
     * (upstream reconciles on a Restore's phase change), so that the next call can come at once instead of at the
     * caller's requeue. {@code wake} must only schedule that call (enqueue a reconcile), never make it: it runs on
     * the port's thread, possibly more often than needed. Optional and a hint only: the default never wakes, so a
     * caller keeps its requeue as the guarantee. The agent registers its controller's enqueue here.
     */
    default void onProgress(Runnable wake) {
    }

    /** Deletes the Backups (DeleteBackupRequests) and leftovers, waiting for them; an error names what is left. */
    Either<PortFailure, Void> cleanup();

    /**
     * One non-blocking look at the same cleanup, for the reconcile loop: Done, or Waiting/Progressing (call again
     * soon), or a failure once the adapter's bound on the wait has passed. The default runs {@link #cleanup()}.
     */
    default Either<PortFailure, WorkProgress> cleanupStep() {
        return cleanup().map(done -> new WorkProgress.Done());
    }
}
