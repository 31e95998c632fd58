package dev.ibu.adapters.host.precache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** statfs of a directory's file system, as upstream computes it: used% = floor((blocks - bavail) * 100 / blocks). */
public final class DiskUsage {

    private DiskUsage() {
    }

    public static int usedPercent(Path dir) {
        FileStore fs = store(dir);
        try {
            long total = fs.getTotalSpace();
            return total == 0 ? 0 : (int) ((total - fs.getUsableSpace()) * 100 / total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot statfs " + dir, e);
        }
    }

    public static long freeBytes(Path dir) {
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
