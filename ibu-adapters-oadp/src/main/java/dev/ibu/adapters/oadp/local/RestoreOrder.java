package dev.ibu.adapters.oadp.local;

import java.util.Comparator;
import java.util.List;

/**
 * Velero's default restore order inside one Restore: CRDs, namespaces, storage classes, snapshot kinds, volumes,
 * claims, secrets, config maps, service accounts, limit ranges, pods, replica sets, Cluster API kinds; then every
 * other kind by name; admission webhooks last (so they cannot block the rest).
 */
final class RestoreOrder {
    static final List<String> FIRST = List.of("customresourcedefinitions.apiextensions.k8s.io", "namespaces",
            "storageclasses.storage.k8s.io", "volumesnapshotclasses.snapshot.storage.k8s.io",
            "volumesnapshotcontents.snapshot.storage.k8s.io", "volumesnapshots.snapshot.storage.k8s.io",
            "persistentvolumes", "persistentvolumeclaims", "secrets", "configmaps", "serviceaccounts", "limitranges",
            "pods", "replicasets.apps", "clusters.cluster.x-k8s.io", "clusterresourcesets.addons.cluster.x-k8s.io");
    static final List<String> LAST = List.of("mutatingwebhookconfigurations.admissionregistration.k8s.io",
            "validatingwebhookconfigurations.admissionregistration.k8s.io");

    private RestoreOrder() {
    }

    static final Comparator<BackedUpObject> ORDER = Comparator.comparingInt((BackedUpObject o) -> rank(o.resource().qualified()))
            .thenComparing(o -> o.resource().qualified()).thenComparing(BackedUpObject::namespace)
            .thenComparing(BackedUpObject::name);

    static int rank(String qualified) {
        int first = FIRST.indexOf(qualified);
        if (first >= 0) {
            return first;
        }
        return LAST.contains(qualified) ? FIRST.size() + 1 + LAST.indexOf(qualified) : FIRST.size();
    }
}
