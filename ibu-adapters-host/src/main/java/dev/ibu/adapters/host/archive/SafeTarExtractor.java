package dev.ibu.adapters.host.archive;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar stream into a directory without trusting it: absolute names, "..", links that leave
 * the tree, writes through an existing symlink, device files and FIFOs are refused, and a
 * {@link ExtractionBudget} caps size and entry count. Each refusal names the entry.
 *
 * <p>Modes (including setuid bits), numeric owners (when {@code preserveOwners}) and mtimes are kept.
 * Extended attributes (SELinux labels) go to an {@link XattrSink}: the JDK cannot write {@code security.*}.
 */
public final class SafeTarExtractor {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int BUFFER = 1 << 16;

    private static final String SCHILY = "SCHILY.xattr.";
    private static final String RHT_SELINUX = "RHT.security.selinux";

    private final boolean preserveOwners;
    private final XattrSink xattrs;

    public SafeTarExtractor(boolean preserveOwners) {
        this(preserveOwners, XattrSink.IGNORE);
    }

    /** {@code xattrs} receives each entry's extended attributes (GNU tar's SCHILY.xattr.* and RHT.security.selinux). */
    public SafeTarExtractor(boolean preserveOwners, XattrSink xattrs) {
        this.preserveOwners = preserveOwners;
        this.xattrs = xattrs;
    }

    public SafeTarExtractor withXattrs(XattrSink sink) {
        return new SafeTarExtractor(preserveOwners, sink);
    }

    private void collectXattrs(TarArchiveEntry e, Path dest) {
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith(SCHILY)) {
                xattrs.add(dest, h.getKey().substring(SCHILY.length()), h.getValue());
            } else if (h.getKey().equals(RHT_SELINUX)) {
                xattrs.add(dest, "security.selinux", h.getValue());
            }
        }
    }

    /** Root can set owners; anybody else keeps their own. */
    public static SafeTarExtractor forCurrentUser() {
        return new SafeTarExtractor("root".equals(System.getProperty("user.name")));
    }

    /** Unpacks a gzip-compressed tar file. */
    public void extractTgz(Path tgz, Path target, ExtractionBudget budget) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), BUFFER)) {
            extract(in, target, budget);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tgz + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks a gzip-compressed tar read from {@code in}; {@code in} is left open. */
    public void extractTgz(InputStream in, Path target, ExtractionBudget budget) {
        try {
            extract(new GZIPInputStream(new KeepOpen(in), BUFFER), target, budget);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gzip stream for " + target + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks an uncompressed tar stream into {@code target} (created if missing); {@code in} is left open. */
    public void extract(InputStream in, Path target, ExtractionBudget budget) {
        try {
            Files.createDirectories(target);
            Path root = target.toRealPath();
            TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(new KeepOpen(in), BUFFER));
            List<Runnable> dirFixups = new ArrayList<>();
            Set<String> verifiedDirs = new HashSet<>();
            byte[] buf = new byte[BUFFER];
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                budget.charge(e.getName(), e.isFile() ? e.getSize() : 0);
                unpackOne(tar, e, root, dirFixups, verifiedDirs, buf);
            }
            // directories last and deepest first: adding children changes their mtime, and a 0500 mode would block them
            for (int i = dirFixups.size() - 1; i >= 0; i--) {
                dirFixups.get(i).run();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot unpack into " + target + ": " + ex.getMessage(), ex);
        }
    }

    private void unpackOne(InputStream tar, TarArchiveEntry e, Path root, List<Runnable> dirFixups, Set<String> verifiedDirs,
                           byte[] buf) throws IOException {
        String name = e.getName();
        String rel = EntryPaths.normalise(name);
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            throw new UnsafeArchiveException(name, "archive entry \"" + name
                + "\" is a device file or FIFO; seed archives may hold only files, directories and links");
        }
        if (rel.isEmpty()) {
            return; // the archive's own root ("./"): the target already exists
        }
        Path dest = root.resolve(rel);
        ensureParents(root, rel, name, verifiedDirs);
        if (e.isDirectory()) {
            if (!Files.isDirectory(dest, NOFOLLOW)) {
                removeIfNotDirectory(dest, name);
                Files.createDirectory(dest);
            }
            verifiedDirs.add(rel);
            dirFixups.add(() -> applyMetadata(dest, e));
        } else if (e.isSymbolicLink()) {
            writeSymlink(e, rel, dest);
        } else if (e.isLink()) {
            writeHardLink(e, root, dest, verifiedDirs);
        } else if (e.isFile()) {
            replaceable(dest, name);
            try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while ((n = tar.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            }
            applyMetadata(dest, e);
        } else {
            throw new UnsafeArchiveException(name, "archive entry \"" + name
                + "\" has an unsupported type; seed archives may hold only files, directories and links");
        }
        if (!e.isLink()) {
            collectXattrs(e, dest); // a hard link shares its target's inode, labels included
        }
    }

    private void writeSymlink(TarArchiveEntry e, String rel, Path dest) throws IOException {
        String target = e.getLinkName();
        if (EntryPaths.escapes(rel, target)) {
            throw new UnsafeArchiveException(e.getName(), "symlink \"" + e.getName() + "\" -> \"" + target
                + "\" points outside the extraction directory; remove it from the archive");
        }
        replaceable(dest, e.getName());
        Files.createSymbolicLink(dest, Path.of(target));
        if (preserveOwners) {
            setOwners(dest, e);
        }
    }

    private void writeHardLink(TarArchiveEntry e, Path root, Path dest, Set<String> verifiedDirs) throws IOException {
        String linkRel;
        try {
            linkRel = EntryPaths.normalise(e.getLinkName());
        } catch (UnsafeArchiveException bad) {
            throw new UnsafeArchiveException(e.getName(), "hard link \"" + e.getName() + "\" -> \"" + e.getLinkName()
                + "\" points outside the extraction directory; remove it from the archive");
        }
        Path existing = root.resolve(linkRel);
        ensureParents(root, linkRel, e.getName(), verifiedDirs);
        if (linkRel.isEmpty() || !Files.exists(existing, NOFOLLOW) || Files.isDirectory(existing, NOFOLLOW)) {
            throw new UnsafeArchiveException(e.getName(), "hard link \"" + e.getName() + "\" -> \"" + e.getLinkName()
                + "\" does not name a file unpacked earlier from this archive; rebuild the archive");
        }
        replaceable(dest, e.getName());
        Files.createLink(dest, existing);
    }

    /**
     * Creates missing parents and refuses to go through a symlink that is already on disk. Directories
     * checked once are remembered: a later entry can never turn a directory into a link (see replaceable).
     */
    private static void ensureParents(Path root, String rel, String entry, Set<String> verifiedDirs) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash < 0 || verifiedDirs.contains(rel.substring(0, slash))) {
            return;
        }
        Path cur = root;
        String[] parts = rel.split("/");
        StringBuilder sofar = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.resolve(parts[i]);
            sofar.append(i == 0 ? "" : "/").append(parts[i]);
            if (verifiedDirs.contains(sofar.toString())) {
                continue;
            }
            if (Files.isSymbolicLink(cur)) {
                throw new UnsafeArchiveException(entry, "archive entry \"" + entry + "\" would be written through the symlink \""
                    + root.relativize(cur) + "\"; rebuild the archive so no entry lies below a symlink");
            }
            if (!Files.exists(cur, NOFOLLOW)) {
                Files.createDirectory(cur);
            } else if (!Files.isDirectory(cur, NOFOLLOW)) {
                throw new UnsafeArchiveException(entry, "archive entry \"" + entry + "\" lies below \""
                    + root.relativize(cur) + "\", which is not a directory; rebuild the archive");
            }
            verifiedDirs.add(sofar.toString());
        }
    }

    /** Tar semantics: a later entry replaces an earlier file or link, never a directory. */
    private static void replaceable(Path dest, String entry) throws IOException {
        if (Files.isDirectory(dest, NOFOLLOW)) {
            throw new UnsafeArchiveException(entry, "archive entry \"" + entry
                + "\" would replace a directory with a non-directory; rebuild the archive");
        }
        Files.deleteIfExists(dest);
    }

    private static void removeIfNotDirectory(Path dest, String entry) throws IOException {
        if (Files.exists(dest, NOFOLLOW)) {
            replaceable(dest, entry);
        }
    }

    private void applyMetadata(Path dest, TarArchiveEntry e) {
        try {
            if (preserveOwners) {
                setOwners(dest, e);
            }
            Files.setAttribute(dest, "unix:mode", e.getMode() & 07777, NOFOLLOW);
            Files.setLastModifiedTime(dest, FileTime.from(e.getModTime().toInstant()));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot set mode/owner/mtime of " + dest + ": " + ex.getMessage(), ex);
        }
    }

    private static void setOwners(Path dest, TarArchiveEntry e) throws IOException {
        if (e.getLongUserId() == 0 && e.getLongGroupId() == 0) {
            return; // we run as root: what we create is root's already
        }
        Files.setAttribute(dest, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
        Files.setAttribute(dest, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
    }

    /** Lets a nested reader finish without closing the outer archive's stream. */
    static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the owner of the underlying stream closes it
        }
    }

    /** Lets a tar writer finish without closing the stream it writes into. */
    static final class KeepOpenOut extends java.io.FilterOutputStream {
        KeepOpenOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
