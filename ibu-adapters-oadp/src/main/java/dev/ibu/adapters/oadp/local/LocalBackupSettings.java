package dev.ibu.adapters.oadp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the local backup keeps its files.
 *
 * @param root         the backup root, e.g. {@code /host/var/lib/containers/ibu-local-backup} (created 0700 when
 *                     missing; its parent, the shared container partition, must exist)
 * @param reserveBytes space the backup must leave free on the partition (the node's images live there too)
 * @param space        how much space is usable on the file system of an existing directory
 * @param writes       called before each file is written; the place where storage failures surface (tests put a
 *                     full disk there)
 */
public record LocalBackupSettings(Path root, long reserveBytes, SpaceProbe space, WriteGuard writes) {
    /** 1 GiB: what the kubelet's default image garbage collection and a container start need at least. */
    public static final long DEFAULT_RESERVE = 1L << 30;

    public LocalBackupSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(writes, "writes");
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("reserveBytes must be >= 0, got " + reserveBytes);
        }
    }

    public static LocalBackupSettings at(Path root) {
        return new LocalBackupSettings(root, DEFAULT_RESERVE, SpaceProbe.FILE_STORE, WriteGuard.NONE);
    }

    /** On a node seen from a pod with the host's root at {@code hostRoot}. */
    public static LocalBackupSettings onHost(Path hostRoot) {
        return at(hostRoot.resolve(LocalLayout.HOST_RELATIVE_ROOT));
    }

    public LocalBackupSettings withReserve(long bytes) {
        return new LocalBackupSettings(root, bytes, space, writes);
    }

    public LocalBackupSettings withSpace(SpaceProbe probe) {
        return new LocalBackupSettings(root, reserveBytes, probe, writes);
    }

    public LocalBackupSettings withWrites(WriteGuard guard) {
        return new LocalBackupSettings(root, reserveBytes, space, guard);
    }

    @FunctionalInterface
    public interface SpaceProbe {
        SpaceProbe FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

        long usableBytes(Path existingDirectory) throws IOException;
    }

    @FunctionalInterface
    public interface WriteGuard {
        WriteGuard NONE = rel -> {
        };

        /** Throws to refuse writing {@code relativePath} (relative to the backup root). */
        void beforeWrite(String relativePath) throws IOException;
    }
}
