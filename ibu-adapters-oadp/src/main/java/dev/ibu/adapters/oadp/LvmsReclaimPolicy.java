package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vavr.control.Either;

import java.util.List;
import java.util.Map;

/**
 * Keeps LVM Storage volumes across the pivot: their PVs are switched from {@code Delete} to {@code Retain} before
 * the backups (else the volume would be deleted with its claim) and switched back after the restores and at
 * cleanup. Switched PVs carry {@value #UPDATED} so only those are switched back.
 */
public final class LvmsReclaimPolicy {
    public static final String UPDATED = "lca.openshift.io/updated-reclaim-policy";
    private static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

    private final KubernetesClient client;

    public LvmsReclaimPolicy(KubernetesClient client) {
        this.client = client;
    }

    /** Error text as upstream: {@code failed to patch LVMS PVs with Retain as persistentVolumeReclaimPolicy: %s}. */
    public Either<String, Integer> retain() {
        return ApiError.call(() -> {
            int changed = 0;
            for (PersistentVolume pv : pvs()) {
                if (OadpNames.LVMS_PROVISIONER.equals(annotation(pv, PROVISIONED_BY))
                        && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
                    patch(pv, "{\"metadata\":{\"annotations\":{\"" + UPDATED + "\":\"true\"}},"
                            + "\"spec\":{\"persistentVolumeReclaimPolicy\":\"Retain\"}}");
                    changed++;
                }
            }
            return changed;
        }).mapLeft(e -> "failed to patch LVMS PVs with Retain as persistentVolumeReclaimPolicy: " + e.message());
    }

    /** Error text as upstream: {@code failed to restore persistentVolumeReclaimPolicy in PVs created by LVMS: %s}. */
    public Either<String, Integer> restore() {
        return ApiError.call(() -> {
            int changed = 0;
            for (PersistentVolume pv : pvs()) {
                if ("true".equals(annotation(pv, UPDATED))) {
                    patch(pv, "{\"metadata\":{\"annotations\":{\"" + UPDATED + "\":null}},"
                            + "\"spec\":{\"persistentVolumeReclaimPolicy\":\"Delete\"}}");
                    changed++;
                }
            }
            return changed;
        }).mapLeft(e -> "failed to restore persistentVolumeReclaimPolicy in PVs created by LVMS: " + e.message());
    }

    /** A merge patch, as upstream does: the agent's ClusterRole grants persistentvolumes get, list and patch, not update. */
    private void patch(PersistentVolume pv, String json) {
        client.persistentVolumes().withName(pv.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    private List<PersistentVolume> pvs() {
        return client.persistentVolumes().list().getItems();
    }

    private static String annotation(PersistentVolume pv, String key) {
        Map<String, String> a = pv.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }
}
