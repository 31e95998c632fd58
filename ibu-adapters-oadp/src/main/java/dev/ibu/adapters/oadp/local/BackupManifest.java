package dev.ibu.adapters.oadp.local;

import java.util.List;
import java.util.Objects;

/**
 * {@code manifest.json}, written last: which upgrade and which Backup specs the directory holds ({@code
 * contentDigest}, so a backup of other specs is never mistaken for this one), and every other file with its size and
 * SHA-256. A file that is missing, extra or different from this list makes the restore refuse to start.
 */
public record BackupManifest(String format, String upgrade, String contentDigest, List<Backup> backups,
                             List<FileEntry> files) {
    public static final String FORMAT = "ibu.dev/local-backup/v1";

    public BackupManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(contentDigest, "contentDigest");
        backups = backups == null ? List.of() : List.copyOf(backups);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** One Backup of the oadpContent and how many objects it kept. */
    public record Backup(String name, long wave, int objects) {
    }

    public record FileEntry(String path, long size, String sha256) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }
}
