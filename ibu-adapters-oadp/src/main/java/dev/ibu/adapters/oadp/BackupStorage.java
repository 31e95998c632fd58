package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether Velero can reach its object storage: every BackupStorageLocation must be {@code Available}. */
final class BackupStorage {
    static final String FIX = ": Velero cannot reach the object storage (S3) of this location; fix its bucket,"
            + " credentials or CA until \"oc get backupstoragelocations -n openshift-adp\" shows Available";

    private BackupStorage() {
    }

    /** Empty when all locations are Available; otherwise upstream's text for the first problem, with the fix. */
    static Optional<String> unavailable(OadpCluster cluster) {
        Either<ApiError, List<GenericKubernetesResource>> bsls =
                cluster.list(VeleroKinds.BACKUP_STORAGE_LOCATION, OadpNames.OADP_NAMESPACE, Map.of());
        if (bsls.isLeft()) {
            return Optional.of("failed to list backupStorageLocations: " + bsls.getLeft());
        }
        if (bsls.get().isEmpty()) {
            return Optional.of("backupsStorageLocations not yet created: create a DataProtectionApplication with"
                    + " spec.backupLocations in " + OadpNames.OADP_NAMESPACE);
        }
        return bsls.get().stream()
                .filter(b -> !"Available".equals(VeleroResources.phase(b)))
                .findFirst()
                .map(b -> "backupStorageLocation " + b.getMetadata().getName() + " not available" + FIX);
    }
}
