package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.vavr.control.Either;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cluster facts the preflight needs: claims whose storage class LVM Storage provisions. */
final class ClusterFacts {
    private final OadpCluster cluster;

    ClusterFacts(OadpCluster cluster) {
        this.cluster = cluster;
    }

    Either<PortFailure, List<LvmsPreflight.LvmsClaim>> lvmsClaims() {
        return ApiError.call(() -> {
            Map<String, String> provisioners = new HashMap<>();
            for (StorageClass sc : cluster.client().storage().v1().storageClasses().list().getItems()) {
                provisioners.put(sc.getMetadata().getName(), sc.getProvisioner());
            }
            List<LvmsPreflight.LvmsClaim> all = cluster.client().persistentVolumeClaims().inAnyNamespace().list()
                    .getItems().stream()
                    .filter(c -> c.getSpec() != null && c.getSpec().getStorageClassName() != null)
                    .map(ClusterFacts::claim).toList();
            return LvmsPreflight.claims(provisioners, all);
        }).mapLeft(e -> PortFailure.transientFailure("failed to list PersistentVolumeClaims for the LVM Storage"
                + " preflight: " + e));
    }

    private static LvmsPreflight.LvmsClaim claim(PersistentVolumeClaim c) {
        return new LvmsPreflight.LvmsClaim(c.getMetadata().getNamespace(), c.getMetadata().getName(),
                c.getSpec().getStorageClassName());
    }
}
