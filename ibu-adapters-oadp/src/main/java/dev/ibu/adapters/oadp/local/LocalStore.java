package dev.ibu.adapters.oadp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Opens the backup root (creating it 0700 under an existing partition directory) and answers space questions. */
final class LocalStore {
    private final LocalBackupSettings settings;

    LocalStore(LocalBackupSettings settings) {
        this.settings = settings;
    }

    Path root() {
        return settings.root();
    }

    LocalBackupSettings settings() {
        return settings;
    }

    /** The root, created if missing; fails when the partition directory (its parent) does not exist. */
    ContainedDir open() throws IOException {
        Path root = settings.root().toAbsolutePath().normalize();
        Path parent = root.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("the shared container partition " + parent + " does not exist");
        }
        if (Files.isSymbolicLink(root)) {
            throw new IOException(root + " is a symbolic link; the local backup does not follow links");
        }
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(ContainedDir.DIR_MODE));
        }
        return new ContainedDir(root);
    }

    /** The root if it exists (for restore and cleanup, which never create it). */
    boolean exists() {
        return Files.isDirectory(settings.root(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Usable bytes on the partition, minus the reserve (negative when already below the reserve). */
    long spareBytes() throws IOException {
        Path probe = Files.isDirectory(settings.root()) ? settings.root() : settings.root().getParent();
        return settings.space().usableBytes(probe) - settings.reserveBytes();
    }

    /** The refusal when {@code needed} bytes do not fit, or null. Names the partition, the figures and the fixes. */
    String spaceProblem(long needed) throws IOException {
        long spare = spareBytes();
        if (needed <= spare) {
            return null;
        }
        return "the local backup needs about " + mib(needed) + " on " + settings.root().getParent() + " but only "
                + mib(Math.max(0, spare)) + " are free beyond the " + mib(settings.reserveBytes()) + " kept for the"
                + " node's images: free space on that partition (for example remove unused images) or back up with"
                + " OADP (annotation " + BackupMethod.ANNOTATION + ": oadp on the ImageBasedUpgrade)";
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
