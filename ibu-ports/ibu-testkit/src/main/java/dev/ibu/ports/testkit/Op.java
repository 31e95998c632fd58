package dev.ibu.ports.testkit;

/**
 * The operation names {@link Faults} switches are keyed by: {@code <port>.<method>}. Every in-memory port consults
 * its switch before doing anything, and counts the call.
 */
public final class Op {
    public static final String STATEROOT_STATUS = "stateroot.status";
    public static final String STATEROOT_START_SETUP = "stateroot.startSetup";
    public static final String STATEROOT_SETUP_STATE = "stateroot.setupState";
    public static final String STATEROOT_SET_DEFAULT = "stateroot.setDefault";
    public static final String STATEROOT_REMOVE = "stateroot.remove";

    public static final String PRECACHE_START = "precache.start";
    public static final String PRECACHE_STATUS = "precache.status";
    public static final String PRECACHE_CLEANUP = "precache.cleanup";

    public static final String REBOOT = "reboot";
    public static final String DISABLE_INIT_MONITOR = "reboot.disableInitMonitor";

    public static final String STATE_SAVE_IBU = "state.saveIbu";
    public static final String STATE_LOAD_IBU = "state.loadIbu";
    public static final String STATE_DELETE_IBU = "state.deleteIbu";
    public static final String STATE_SAVE_BUNDLE = "state.saveBundle";
    public static final String STATE_LOAD_BUNDLE = "state.loadBundle";
    public static final String STATE_DELETE_BUNDLES = "state.deleteBundles";

    public static final String CERTIFICATE_EXPIRY = "certificate.earliestKubeletExpiry";

    public static final String SEED_INSPECT = "seed.inspect";
    public static final String SEED_NODE_ARCHITECTURE = "seed.nodeArchitecture";

    public static final String IBU_READ = "ibu.read";
    public static final String IBU_CREATE = "ibu.create";
    public static final String IBU_DELETE = "ibu.delete";
    public static final String IBU_WRITE_STATUS = "ibu.writeStatus";
    public static final String IBU_SET_ANNOTATION = "ibu.setAnnotation";

    public static final String CONFIGMAP_READ = "configmap.read";
    public static final String PULL_SECRET_READ = "pullSecret.read";
    public static final String HEALTH_CHECK = "health.check";
    public static final String CLUSTER_INFO = "clusterInfo.current";

    public static final String MANIFESTS_VALIDATE = "manifests.validate";
    public static final String MANIFESTS_EXPORT = "manifests.export";
    public static final String MANIFESTS_APPLY = "manifests.apply";

    public static final String BACKUP_VALIDATE = "backup.validate";
    public static final String BACKUP_BACKUP = "backup.backup";
    public static final String BACKUP_EXPORT = "backup.export";
    public static final String BACKUP_RESTORE = "backup.restore";
    public static final String BACKUP_CLEANUP = "backup.cleanup";

    /** Counted only: an event cannot fail ({@link dev.ibu.ports.out.EventPort} is best effort). */
    public static final String EVENT_EMIT = "event.emit";

    private Op() {
    }
}
