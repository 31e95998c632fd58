package dev.ibu.adapters.oadp;

/** YAML of Backup and Restore CRs as users write them in oadpContent ConfigMaps. */
final class Docs {
    private Docs() {
    }

    static String backup(String name, String wave) {
        return backup(name, wave, "");
    }

    static String backup(String name, String wave, String extraAnnotations) {
        return "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: " + name + "\n  namespace: openshift-adp\n"
                + "  labels:\n    velero.io/storage-location: default\n"
                + annotations(wave, extraAnnotations)
                + "spec:\n  includedNamespaces:\n  - " + name + "\n  includedNamespaceScopedResources:\n  - secrets\n"
                + "  - persistentvolumeclaims\n  includedClusterScopedResources:\n  - persistentVolumes\n"
                + "  - logicalvolumes.topolvm.io\n";
    }

    static String restore(String name, String backup, String wave) {
        return "apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: " + name + "\n  namespace: openshift-adp\n"
                + annotations(wave, "")
                + "spec:\n  backupName: " + backup + "\n  restorePVs: true\n  restoreStatus:\n"
                + "    includedResources:\n    - logicalvolumes\n";
    }

    private static String annotations(String wave, String extra) {
        if (wave == null && extra.isEmpty()) {
            return "";
        }
        return "  annotations:\n" + (wave == null ? "" : "    lca.openshift.io/apply-wave: \"" + wave + "\"\n") + extra;
    }

    /** Documents joined as one YAML stream. */
    static String stream(String... docs) {
        return String.join("---\n", docs);
    }
}
