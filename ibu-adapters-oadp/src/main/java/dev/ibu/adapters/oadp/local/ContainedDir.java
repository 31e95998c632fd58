package dev.ibu.adapters.oadp.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every file the local backup touches goes through here: paths are relative, made of {@link SafeName} segments, and
 * resolved component by component without following symbolic links, so nothing outside {@link #root()} is ever
 * read, written or deleted even if someone plants a link inside it. Directories are created 0700 and files 0600
 * (root only: the backup holds Secrets). Writes are atomic: temporary file, fsync, rename, fsync of the directory.
 */
public final class ContainedDir {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    /** @param root an existing directory that is not a symbolic link */
    public ContainedDir(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(abs.toString(), null, "not a directory (or a symbolic link)");
        }
        this.root = abs;
    }

    public Path root() {
        return root;
    }

    /** The path of {@code rel} (segments joined by {@code /}) after checking every segment; nothing is opened. */
    public Path resolve(String rel) throws IOException {
        Path p = root;
        for (String segment : segments(rel)) {
            p = p.resolve(segment);
        }
        return p;
    }

    /** Creates {@code rel} and its parents (0700); every existing component must be a real directory. */
    public Path mkdirs(String rel) throws IOException {
        Path p = root;
        for (String segment : segments(rel)) {
            p = p.resolve(segment);
            if (Files.isSymbolicLink(p)) {
                throw new IOException(p + " is a symbolic link; the local backup does not follow links");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIR_MODE));
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile: checked below
                }
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(p + " exists and is not a directory");
            }
        }
        return p;
    }

    /** Writes {@code rel} atomically (0600): temporary file in the same directory, fsync, rename, fsync directory. */
    public void write(String rel, byte[] content) throws IOException {
        if (segments(rel).isEmpty()) {
            throw new IOException("refused path: empty");
        }
        String parentRel = parent(rel);
        Path dir = parentRel.isEmpty() ? checkedRoot() : mkdirs(parentRel);
        Path target = dir.resolve(last(rel));
        Path temp = dir.resolve(TEMP_PREFIX + last(rel));
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(FILE_MODE))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (Files.isSymbolicLink(target) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(temp);
            throw new IOException(target + " exists and is not a regular file");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(dir);
    }

    /** Reads a regular file; a symbolic link or anything else is refused. */
    public byte[] read(String rel) throws IOException {
        Path p = resolveExisting(rel);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(p + " is not a regular file");
        }
        try (SeekableByteChannel ch = Files.newByteChannel(p, Set.<java.nio.file.OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(p + " is too large to read");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until full or end of file
            }
            return buf.array();
        }
    }

    public boolean exists(String rel) throws IOException {
        return Files.exists(resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Every entry under {@code rel}, relative to it, sorted; files are listed, directories walked, anything else
     * (symbolic link, device, socket) is listed too so that the caller can refuse it.
     */
    public List<Entry> list(String rel) throws IOException {
        Path base = resolveExisting(rel);
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = base.relativize(file).toString().replace('\\', '/');
                out.add(new Entry(name, attrs.isRegularFile(), attrs.size()));
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }

    /** Names of the direct entries of {@code rel} (an existing directory), sorted; links are listed, not followed. */
    public List<String> children(String rel) throws IOException {
        Path base = resolveExisting(rel);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (var s = Files.list(base)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** One file found by {@link #list}: its path relative to the listed directory, whether regular, its size. */
    public record Entry(String path, boolean regular, long size) {
    }

    /** Renames {@code from} to {@code to} (siblings under the root) atomically and syncs the root. */
    public void rename(String from, String to) throws IOException {
        Path a = resolveExisting(from);
        Path b = resolve(to);
        Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(b.getParent());
    }

    /**
     * Deletes {@code rel} and everything under it without following links (a link is removed, never its target).
     * Returns what could not be deleted (empty when all is gone, or nothing was there).
     */
    public List<String> deleteTree(String rel) throws IOException {
        Path base = resolve(rel);
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> left = new ArrayList<>();
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            deleteOne(base, left);
            return left;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                deleteOne(file, left);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                left.add(file + " (" + reason(e) + ")");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                deleteOne(dir, left);
                return FileVisitResult.CONTINUE;
            }
        });
        return left;
    }

    private static void deleteOne(Path p, List<String> left) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            left.add(p + " (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private Path resolveExisting(String rel) throws IOException {
        Path p = root;
        for (String segment : segments(rel)) {
            p = p.resolve(segment);
            if (Files.isSymbolicLink(p)) {
                throw new IOException(p + " is a symbolic link; the local backup does not follow links");
            }
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }

    private Path checkedRoot() throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is no longer a directory");
        }
        return root;
    }

    private static List<String> segments(String rel) throws IOException {
        if (rel.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : rel.split("/", -1)) {
            if (!SafeName.isSafe(s)) {
                throw new IOException("refused path " + rel + ": " + SafeName.segment("segment", s).getLeft());
            }
            out.add(s);
        }
        return out;
    }

    private static String parent(String rel) {
        int i = rel.lastIndexOf('/');
        return i < 0 ? "" : rel.substring(0, i);
    }

    private static String last(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    private static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
