package dev.ibu.adapters.oadp.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files of one upgrade's backup into its staging directory and remembers each file's size and SHA-256
 * for the manifest. Every write passes the settings' {@link LocalBackupSettings.WriteGuard} first.
 */
final class BackupWriter {
    private final ContainedDir root;
    private final String staging;
    private final LocalBackupSettings.WriteGuard guard;
    private final List<BackupManifest.FileEntry> files = new ArrayList<>();

    BackupWriter(ContainedDir root, String staging, LocalBackupSettings.WriteGuard guard) {
        this.root = root;
        this.staging = staging;
        this.guard = guard;
    }

    /** Writes {@code rel} (relative to the upgrade's directory) atomically and records it. */
    void write(String rel, byte[] content) throws IOException {
        String full = staging + "/" + rel;
        guard.beforeWrite(full);
        root.write(full, content);
        files.add(new BackupManifest.FileEntry(rel, content.length, LocalLayout.sha256(content)));
    }

    /** Writes the manifest, the last file; returns its bytes (whose SHA-256 travels in the export bundle). */
    byte[] writeManifest(String upgrade, String contentDigest, List<BackupManifest.Backup> backups) throws IOException {
        List<BackupManifest.FileEntry> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(BackupManifest.FileEntry::path));
        byte[] bytes = Documents.json(new BackupManifest(BackupManifest.FORMAT, upgrade, contentDigest, backups, sorted));
        String full = staging + "/" + LocalLayout.MANIFEST;
        guard.beforeWrite(full);
        root.write(full, bytes);
        return bytes;
    }
}
