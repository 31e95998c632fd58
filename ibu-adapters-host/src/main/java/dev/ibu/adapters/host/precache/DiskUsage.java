package dev.ibu.adapters.host.precache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory's file system usage. {@link #statfs()} is the real one, as upstream computes it: used% = floor((blocks -
 * bavail) * 100 / blocks); tests inject another (a file system at 99% is hard to come by).
 */
public interface DiskUsage {

    int usedPercent(Path dir);

    long freeBytes(Path dir);

    /** statfs of the directory's file system (created if missing). */
    static DiskUsage statfs() {
        return Statfs.INSTANCE;
    }

    /** The statfs implementation. */
    final class Statfs implements DiskUsage {
        static final Statfs INSTANCE = new Statfs();

        private Statfs() {
        }

        @Override
        public int usedPercent(Path dir) {
            FileStore fs = store(dir);
            try {
                long total = fs.getTotalSpace();
                return total == 0 ? 0 : (int) ((total - fs.getUsableSpace()) * 100 / total);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot statfs " + dir, e);
            }
        }

        @Override
        public long freeBytes(Path dir) {
            try {
                return store(dir).getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot statfs " + dir, e);
            }
        }

        private static FileStore store(Path dir) {
            try {
                Files.createDirectories(dir);
                return Files.getFileStore(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot statfs " + dir, e);
            }
        }
    }
}
