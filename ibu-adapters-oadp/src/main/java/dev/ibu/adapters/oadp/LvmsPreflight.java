package dev.ibu.adapters.oadp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The seed document's LVM Storage pitfalls (15.3.4.3), checked at Prep instead of discovered after the pivot: a
 * Backup that takes PersistentVolumeClaims of an LVM Storage class must include {@code logicalvolumes.topolvm.io}
 * in its cluster-scoped resources, and each Restore of it needs {@code restorePVs: true} and
 * {@code restoreStatus.includedResources: [logicalvolumes]}; otherwise the claims come back with empty volumes.
 */
public final class LvmsPreflight {
    private LvmsPreflight() {
    }

    /** A claim whose storage class is provisioned by LVM Storage ({@code topolvm.io}). */
    public record LvmsClaim(String namespace, String name, String storageClass) {
        public LvmsClaim {
            Objects.requireNonNull(namespace);
            Objects.requireNonNull(name);
            Objects.requireNonNull(storageClass);
        }

        @Override
        public String toString() {
            return namespace + "/" + name + " (class " + storageClass + ")";
        }
    }

    /** One warning per missing field, naming the CR, the field and what to add. */
    public static List<String> warnings(List<VeleroCr> content, List<LvmsClaim> claims) {
        List<String> out = new ArrayList<>();
        for (VeleroCr backup : OadpContentReader.backups(content)) {
            List<LvmsClaim> taken = claims.stream().filter(c -> takes(backup, c)).toList();
            if (taken.isEmpty()) {
                continue;
            }
            String which = taken.stream().limit(3).map(LvmsClaim::toString).collect(Collectors.joining(", "))
                    + (taken.size() > 3 ? " and " + (taken.size() - 3) + " more" : "");
            if (!includesLogicalVolumes(backup)) {
                out.add("Backup " + backup.ref() + " backs up PersistentVolumeClaims of LVM Storage (" + which
                        + ") but not " + OadpNames.LOGICAL_VOLUMES + ": add \"" + OadpNames.LOGICAL_VOLUMES
                        + "\" to spec.includedClusterScopedResources of the Backup, or the volumes come back empty"
                        + " after the upgrade");
            }
            for (VeleroCr restore : OadpContentReader.restores(content)) {
                if (restore.backupName().equals(backup.name())) {
                    out.addAll(restoreWarnings(restore, backup));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> restoreWarnings(VeleroCr restore, VeleroCr backup) {
        List<String> out = new ArrayList<>();
        String head = "Restore " + restore.ref() + " restores LVM Storage volumes of Backup " + backup.name();
        if (!Boolean.TRUE.equals(restore.spec().get("restorePVs"))) {
            out.add(head + " but spec.restorePVs is not true: add \"restorePVs: true\" to the Restore's spec, or the"
                    + " volume contents are not restored");
        }
        Object included = VeleroCr.map(restore.spec().get("restoreStatus")).get("includedResources");
        boolean hasLogicalVolumes = included instanceof List<?> l && l.stream().map(String::valueOf)
                .anyMatch(r -> r.equals("logicalvolumes") || r.equals(OadpNames.LOGICAL_VOLUMES) || r.equals("*"));
        if (!hasLogicalVolumes) {
            out.add(head + " but spec.restoreStatus.includedResources lacks logicalvolumes: add \"restoreStatus:"
                    + " {includedResources: [logicalvolumes]}\" to the Restore's spec, or Velero loses the"
                    + " logicalvolume status that points at the volume");
        }
        return out;
    }

    /** Whether the Backup's namespace and resource filters take this claim (label selectors are not evaluated). */
    static boolean takes(VeleroCr backup, LvmsClaim claim) {
        List<String> namespaces = backup.specStrings("includedNamespaces");
        boolean nsIncluded = namespaces.isEmpty() || namespaces.contains("*") || namespaces.contains(claim.namespace());
        if (!nsIncluded || backup.specStrings("excludedNamespaces").contains(claim.namespace())) {
            return false;
        }
        List<String> included = new ArrayList<>(backup.specStrings("includedResources"));
        included.addAll(backup.specStrings("includedNamespaceScopedResources"));
        List<String> excluded = new ArrayList<>(backup.specStrings("excludedResources"));
        excluded.addAll(backup.specStrings("excludedNamespaceScopedResources"));
        return (included.isEmpty() || included.stream().anyMatch(LvmsPreflight::isPvc))
                && excluded.stream().noneMatch(LvmsPreflight::isPvc);
    }

    private static boolean includesLogicalVolumes(VeleroCr backup) {
        List<String> cluster = new ArrayList<>(backup.specStrings("includedClusterScopedResources"));
        cluster.addAll(backup.specStrings("includedResources"));
        return cluster.stream().anyMatch(r -> r.equals(OadpNames.LOGICAL_VOLUMES) || r.equals("*"));
    }

    private static boolean isPvc(String resource) {
        return List.of("*", "persistentvolumeclaims", "persistentvolumeclaim", "pvc").contains(resource.toLowerCase());
    }

    /** Claims of LVM Storage classes, for {@link #warnings}. */
    static List<LvmsClaim> claims(Map<String, String> classProvisioners, List<LvmsClaim> allClaims) {
        return allClaims.stream()
                .filter(c -> OadpNames.LVMS_PROVISIONER.equals(classProvisioners.get(c.storageClass())))
                .toList();
    }
}
