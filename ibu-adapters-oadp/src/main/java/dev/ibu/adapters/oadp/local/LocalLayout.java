package dev.ibu.adapters.oadp.local;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where things are under the backup root ({@code <host>/var/lib/containers/ibu-local-backup} on a node): one
 * directory per upgrade, {@code <upgrade>/}, built in {@code <upgrade>.partial/} and renamed when complete; inside,
 * {@code manifest.json} and {@code backups/<Backup name>/backup.yaml} plus {@code backups/<Backup name>/resources/...}.
 */
public final class LocalLayout {
    /** Relative to the host's root: the shared container partition, kept across the pivot and between stateroots. */
    public static final String HOST_RELATIVE_ROOT = "var/lib/containers/ibu-local-backup";
    public static final String MANIFEST = "manifest.json";
    public static final String STAGING_SUFFIX = ".partial";

    private LocalLayout() {
    }

    public static String staging(String upgrade) {
        return upgrade + STAGING_SUFFIX;
    }

    public static String backupDir(String backupName) {
        return "backups/" + backupName;
    }

    public static String backupCr(String backupName) {
        return backupDir(backupName) + "/backup.yaml";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
