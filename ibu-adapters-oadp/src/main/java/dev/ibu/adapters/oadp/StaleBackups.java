package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Backups of the ConfigMaps that already exist with labels but without this cluster's ID (another cluster's ID, or
 * none: synced by Velero from the bucket of an earlier installation) are deleted before ours are created, as upstream
 * does. A same-named Backup without any label was not made by an upgrade: it is reported with the fix instead of
 * deleted ({@code foreign} says how: Prep refuses, the Upgrade retries until it is gone), where upstream ignores it
 * and then retries its own create for ever ({@code AlreadyExists}).
 */
final class StaleBackups {
    private final VeleroLookup lookup;
    private final BackupDeleter deleter;

    StaleBackups(VeleroLookup lookup, BackupDeleter deleter) {
        this.lookup = lookup;
        this.deleter = deleter;
    }

    /**
     * Empty when nothing stale is left; a Waiting while Velero deletes; failures carry {@code prefix}; an unlabelled
     * same-named Backup is the failure {@code foreign} makes of its message.
     */
    Either<PortFailure, Optional<WorkProgress>> clean(List<VeleroCr> backups, String clusterId, String prefix,
                                                      Function<String, PortFailure> foreign) {
        List<GenericKubernetesResource> stale = new ArrayList<>();
        for (VeleroCr b : backups) {
            Either<ApiError, Optional<GenericKubernetesResource>> live = lookup.find(VeleroKinds.BACKUP, b.namespace(), b.name());
            if (live.isRight() && live.get().isPresent() && !clusterId.equals(
                    VeleroResources.label(live.get().get(), OadpNames.CLUSTER_ID_LABEL))) {
                // about to refuse or delete it: decide on the API server's answer, the watch may be behind
                live = lookup.fresh(VeleroKinds.BACKUP, b.namespace(), b.name());
            }
            if (live.isLeft()) {
                return Either.left(PortFailure.transientFailure(prefix + "failed to get backup: " + live.getLeft()));
            }
            if (live.get().isEmpty()) {
                continue;
            }
            Map<String, String> labels = live.get().get().getMetadata().getLabels();
            if (labels == null || labels.isEmpty()) {
                return Either.left(foreign.apply(prefix + "Backup " + b.ref() + " already exists without label "
                        + OadpNames.CLUSTER_ID_LABEL + " and without any other label, so it was not created by an"
                        + " image-based upgrade: delete it (oc delete backups.velero.io -n " + b.namespace() + " "
                        + b.name() + ") or rename the Backup in the oadpContent ConfigMap"));
            }
            if (!clusterId.equals(labels.get(OadpNames.CLUSTER_ID_LABEL))) {
                stale.add(live.get().get());
            }
        }
        if (stale.isEmpty()) {
            return Either.right(Optional.empty());
        }
        DeletionProgress progress = deleter.step(stale, Map.of(OadpNames.CLUSTER_ID_LABEL, clusterId));
        if (progress instanceof DeletionProgress.Failed f) {
            return Either.left(PortFailure.transientFailure(prefix + "failed to delete backups: " + f.reason()));
        }
        if (progress instanceof DeletionProgress.Unreachable u) {
            return Either.left(PortFailure.transientFailure(prefix + u.message()));
        }
        if (progress instanceof DeletionProgress.Waiting w) {
            return Either.right(Optional.of(new WorkProgress.Waiting(
                    "Deleting stale Backups from an earlier installation: " + String.join(",", w.backups()))));
        }
        return Either.right(Optional.empty());
    }
}
