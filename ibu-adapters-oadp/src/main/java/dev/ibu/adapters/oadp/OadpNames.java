package dev.ibu.adapters.oadp;

/** Names shared with upstream LCA and with users' scripts; changing one breaks them. */
public final class OadpNames {
    public static final String OADP_NAMESPACE = "openshift-adp";
    public static final String APPLY_WAVE = "lca.openshift.io/apply-wave";
    public static final String APPLY_LABEL = "lca.openshift.io/apply-label";
    public static final String BACKUP_LABEL = "lca.openshift.io/backup";
    public static final String CLUSTER_ID_LABEL = "config.openshift.io/clusterID";
    public static final String MANUAL_CLEANUP_DONE = "lca.openshift.io/manual-cleanup-done";
    public static final String LVMS_PROVISIONER = "topolvm.io";
    public static final String LOGICAL_VOLUMES = "logicalvolumes.topolvm.io";
    /** Default wave of an object without the annotation (Go MaxInt32, kept for compatibility). */
    public static final long DEFAULT_WAVE = 2147483647L;

    private OadpNames() {
    }
}
