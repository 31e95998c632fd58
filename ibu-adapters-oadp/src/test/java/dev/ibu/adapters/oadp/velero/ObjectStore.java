package dev.ibu.adapters.oadp.velero;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3 bucket behind the BackupStorageLocation. It outlives a cluster (the pivot replaces etcd, not the bucket),
 * so two {@link TestVelero}s, before and after the pivot, share one. It can be made unreachable (an outage).
 */
public final class ObjectStore {
    private final Map<String, Map<String, Object>> backups = new ConcurrentHashMap<>();
    private volatile boolean reachable = true;

    public boolean reachable() {
        return reachable;
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** {@code namespace/name} of every stored backup. */
    public Set<String> backupKeys() {
        return Set.copyOf(backups.keySet());
    }

    public Map<String, Map<String, Object>> backups() {
        return Map.copyOf(backups);
    }

    void put(String key, Map<String, Object> backup) {
        backups.put(key, backup);
    }

    void remove(String key) {
        backups.remove(key);
    }

    /** Empties the bucket (a fresh installation). */
    public void clear() {
        backups.clear();
    }

    public void seed(String key, Map<String, Object> backup) {
        backups.put(key, backup);
    }
}
