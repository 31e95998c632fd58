package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Idle cleanup (upstream's {@code cleanupOADPResources}), one look per call: every Backup labelled with this
 * cluster's ID is deleted through a DeleteBackupRequest and its apply-label labels are removed; once none is left
 * the labelled requests are deleted and LVM Storage reclaim policies restored. A Backup still used by a Restore that
 * has not finished is kept until that Restore ends, so no Backup is lost before its Restore completed.
 */
final class BackupCleanup {
    static final String CLEANUP_BACKUPS = "failed to cleanup backups: ";
    private static final Logger LOG = LoggerFactory.getLogger(BackupCleanup.class);

    private final OadpCluster cluster;
    private final BackupDeleter deleter;
    private final LvmsReclaimPolicy reclaim;

    BackupCleanup(OadpCluster cluster, BackupDeleter deleter, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.deleter = deleter;
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> step(String clusterId) {
        Map<String, String> ours = Map.of(OadpNames.CLUSTER_ID_LABEL, clusterId);
        Either<ApiError, List<GenericKubernetesResource>> backups = cluster.list(VeleroKinds.BACKUP, null, ours);
        if (backups.isLeft()) {
            // no Backup kind: Velero is not installed, nothing of ours can exist
            return backups.getLeft().notFound() ? finish(ours)
                    : Either.left(PortFailure.transientFailure(CLEANUP_BACKUPS + "failed to list backups: " + backups.getLeft()));
        }
        if (backups.get().isEmpty()) {
            return finish(ours);
        }
        Either<ApiError, List<String>> held = heldByRestores(backups.get());
        if (held.isLeft()) {
            return Either.left(PortFailure.transientFailure(CLEANUP_BACKUPS + "failed to list restores: " + held.getLeft()));
        }
        List<GenericKubernetesResource> deletable = new ArrayList<>();
        for (GenericKubernetesResource b : backups.get()) {
            if (!held.get().contains(key(b))) {
                if (BackupDeleter.requestedAt(b) == null) {
                    unlabelApplyLabelObjects(b);
                }
                deletable.add(b);
            }
        }
        DeletionProgress progress = deleter.step(deletable, ours);
        if (progress instanceof DeletionProgress.Failed f) {
            return Either.left(PortFailure.terminal(CLEANUP_BACKUPS + "failed to delete backups: " + f.reason()));
        }
        if (progress instanceof DeletionProgress.Unreachable u) {
            return Either.left(PortFailure.transientFailure(CLEANUP_BACKUPS + u.message()));
        }
        List<String> waiting = new ArrayList<>(progress instanceof DeletionProgress.Waiting w ? w.backups() : List.of());
        held.get().forEach(h -> waiting.add(h + " (kept until its Restore finishes)"));
        return Either.right(new WorkProgress.Waiting("Waiting for Velero to delete Backups: " + String.join(",", waiting)));
    }

    private Either<PortFailure, WorkProgress> finish(Map<String, String> ours) {
        Either<ApiError, List<GenericKubernetesResource>> requests = cluster.list(VeleroKinds.DELETE_BACKUP_REQUEST, null, ours);
        if (requests.isLeft() && !requests.getLeft().notFound()) {
            return Either.left(PortFailure.transientFailure("failed to cleanup DeleteBackupRequest CRs: " + requests.getLeft()));
        }
        for (GenericKubernetesResource r : requests.getOrElse(List.of())) {
            Either<ApiError, Void> deleted = cluster.delete(VeleroKinds.DELETE_BACKUP_REQUEST,
                    r.getMetadata().getNamespace(), r.getMetadata().getName());
            if (deleted.isLeft()) {
                return Either.left(PortFailure.transientFailure("failed to cleanup DeleteBackupRequest CRs: failed to"
                        + " delete DeleteBackupRequest CR " + r.getMetadata().getName() + ": " + deleted.getLeft()));
            }
        }
        Either<String, Integer> restored = reclaim.restore();
        if (restored.isLeft()) {
            return Either.left(PortFailure.transientFailure(restored.getLeft()));
        }
        return Either.right(new WorkProgress.Done());
    }

    /** {@code namespace/name} of Backups named by a Restore that is pending or running. */
    private Either<ApiError, List<String>> heldByRestores(List<GenericKubernetesResource> backups) {
        Either<ApiError, List<GenericKubernetesResource>> restores = cluster.list(VeleroKinds.RESTORE, null, Map.of());
        if (restores.isLeft()) {
            return restores.getLeft().notFound() ? Either.right(List.of()) : Either.left(restores.getLeft());
        }
        List<String> held = new ArrayList<>();
        for (GenericKubernetesResource r : restores.get()) {
            PhaseBucket bucket = PhaseBucket.of(VeleroResources.phase(r));
            if (bucket == PhaseBucket.PENDING || bucket == PhaseBucket.PROGRESSING) {
                Object backupName = VeleroCr.map(r.getAdditionalProperties().get("spec")).get("backupName");
                held.add(r.getMetadata().getNamespace() + "/" + backupName);
            }
        }
        return Either.right(held);
    }

    private void unlabelApplyLabelObjects(GenericKubernetesResource backup) {
        Either<String, List<ApplyLabelTarget>> targets = ApplyLabelTarget.parse(backup.getMetadata().getAnnotations());
        targets.orElseRun(e -> LOG.warn("Backup {}: {}", backup.getMetadata().getName(), e));
        targets.getOrElse(List.of()).forEach(t -> ApplyLabels.unlabel(cluster, t));
    }

    private static String key(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }
}
