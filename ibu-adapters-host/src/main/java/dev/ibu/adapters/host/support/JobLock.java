package dev.ibu.adapters.host.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive lock on a file, held by a job's runner while it works: the kernel releases it when the process dies,
 * even by {@code kill -9}, so a free lock proves the runner is gone. POSIX drops every lock a process holds on a file
 * when it closes any descriptor of that file, so this process never opens a lock file it already holds (the set of
 * held paths is checked first, under one monitor).
 */
final class JobLock implements AutoCloseable {

    private static final Set<Path> HELD = new HashSet<>();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private JobLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when a runner (of this process or another) holds it. */
    static Optional<JobLock> tryAcquire(Path file) {
        Path path = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.contains(path)) {
                return Optional.empty();
            }
            FileChannel ch = null;
            try {
                AtomicFiles.ensurePrivateDir(path.getParent());
                ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.tryLock();
                if (l == null) {
                    ch.close();
                    return Optional.empty();
                }
                HELD.add(path);
                return Optional.of(new JobLock(path, ch, l));
            } catch (OverlappingFileLockException e) {
                closeQuietly(ch);
                return Optional.empty();
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot lock " + path + " (" + e.getMessage()
                    + "); check that its file system is mounted read-write", e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it anyway
            }
            closeQuietly(channel);
            HELD.remove(path);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing held through it
        }
    }
}
