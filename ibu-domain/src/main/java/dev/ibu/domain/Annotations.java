package dev.ibu.domain;

/** Annotation keys the IBU reads or writes (spec §5). */
public final class Annotations {
    public static final String MANUAL_CLEANUP_DONE = "lca.openshift.io/manual-cleanup-done";
    public static final String TRIGGER_RECONCILE = "lca.openshift.io/trigger-reconcile";
    public static final String VALIDATION_WARNING = "extra-manifest.lca.openshift.io/validation-warning";
    public static final String TARGET_VERSION_MANIFEST_COUNT = "lca.openshift.io/target-ocp-version-manifest-count";
    public static final String IMAGE_CLEANUP_ON_PREP = "image-cleanup.lca.openshift.io/on-prep";
    public static final String IMAGE_CLEANUP_THRESHOLD = "image-cleanup.lca.openshift.io/disk-usage-threshold-percent";
    public static final String AUTO_ROLLBACK_POST_REBOOT_CONFIG =
            "auto-rollback-on-failure.lca.openshift.io/post-reboot-config";
    public static final String AUTO_ROLLBACK_UPGRADE_COMPLETION =
            "auto-rollback-on-failure.lca.openshift.io/upgrade-completion";
    public static final String AUTO_ROLLBACK_INIT_MONITOR = "auto-rollback-on-failure.lca.openshift.io/init-monitor";
    public static final String DISABLED = "Disabled";

    private Annotations() {
    }
}
