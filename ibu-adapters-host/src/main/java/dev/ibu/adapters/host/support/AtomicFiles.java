package dev.ibu.adapters.host.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Files that must survive a crash or a reboot: written to a temp file in the same directory, fsynced,
 * renamed over the target, and the directory fsynced; files 0600 in 0700 directories (they can hold
 * the IBU resource and its annotations).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) {
        try {
            ensurePrivateDir(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage()
                + "); check that its file system is mounted read-write and has space", e);
        }
        replace(file, content, "rw-------");
    }

    /**
     * A file others may read (0644) below a base that may hold links, e.g. a deployment's origin file:
     * its parent must exist and is left as it is; the file is replaced atomically, a link in its place included.
     */
    public static void writeShared(ContainedPath file, byte[] content) {
        Path dir = file.parent(false).orElseThrow(() -> new UncheckedIOException(new NoSuchFileException(
            file.path().getParent().toString(), null, "the directory to write " + file.name() + " into is missing")));
        replace(dir.resolve(file.name()), content, "rw-r--r--");
    }

    private static void replace(Path file, byte[] content, String perms) {
        Path dir = file.getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap(content));
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage()
                + "); check that its file system is mounted read-write and has space", e);
        }
    }

    /**
     * {@link #write(Path, byte[])} to a file below a base that may hold links (a stateroot, the sysroot): no
     * component on the way is followed (see {@link ContainedPath}), and a link in the file's place is replaced,
     * never written through.
     */
    public static void write(ContainedPath file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(ContainedPath file, byte[] content) {
        Path target = file.forWrite();
        Path dir = target.getParent();
        try {
            Files.setAttribute(dir, "posix:permissions", PosixFilePermissions.fromString("rwx------"),
                LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private (0700): " + e.getMessage(), e);
        }
        replace(target, content, "rw-------");
    }

    /** The file's content; empty when it or a parent is missing. A link on the way or in its place is refused. */
    public static Optional<String> read(ContainedPath file) {
        Optional<Path> p = file.forRead();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (file.isLink()) {
            throw new ContainedPath.EscapeException(file, p.get(), "is a symbolic link");
        }
        try (InputStream in = Files.newInputStream(p.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file (or the link in its place); a missing one, or a missing parent, is fine. */
    public static void delete(ContainedPath file) {
        Optional<Path> p = file.forRead();
        try {
            if (p.isPresent()) {
                Files.deleteIfExists(p.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #deleteTree(Path)} of a directory below a base: its parents are checked, links inside are removed, not followed. */
    public static void deleteTree(ContainedPath dir) {
        dir.forRead().ifPresent(AtomicFiles::deleteTree);
    }

    public static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} (and parents) and makes {@code dir} itself 0700. */
    public static void ensurePrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** Deletes a tree without following symlinks; a missing tree is fine. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
