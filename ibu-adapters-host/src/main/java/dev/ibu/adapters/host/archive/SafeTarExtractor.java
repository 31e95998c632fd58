package dev.ibu.adapters.host.archive;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar stream into a directory without trusting it: absolute names, "..", names beyond
 * PATH_MAX/NAME_MAX or too deep, links that climb out by their text, writes through any symlink
 * (never through one this archive made, nor one already on disk), hard links to anything this archive
 * did not unpack itself, device files and FIFOs, and corrupt headers are refused; an
 * {@link ExtractionBudget} caps the bytes actually written (a sparse entry counts expanded) and the
 * entry count. Each refusal names the entry. Symlinks themselves are kept as they are, absolute ones
 * included (a deployment's {@code etc/localtime}): they are data here, never followed.
 *
 * <p>Modes (setuid, setgid and sticky bits included: an OS image has them), numeric owners (when
 * {@code preserveOwners}) and mtimes are kept. Extended attributes (SELinux labels) go to an
 * {@link XattrSink}: the JDK cannot write {@code security.*}.
 */
public final class SafeTarExtractor {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int BUFFER = 1 << 16;

    private static final String SCHILY = "SCHILY.xattr.";
    private static final String RHT_SELINUX = "RHT.security.selinux";

    private final boolean preserveOwners;
    private final XattrSink xattrs;
    private final Optional<String> onlyUnder;
    private final Map<String, String> reserved;

    public SafeTarExtractor(boolean preserveOwners) {
        this(preserveOwners, XattrSink.IGNORE);
    }

    /** {@code xattrs} receives each entry's extended attributes (GNU tar's SCHILY.xattr.* and RHT.security.selinux). */
    public SafeTarExtractor(boolean preserveOwners, XattrSink xattrs) {
        this(preserveOwners, xattrs, Optional.empty(), Map.of());
    }

    private SafeTarExtractor(boolean preserveOwners, XattrSink xattrs, Optional<String> onlyUnder,
                             Map<String, String> reserved) {
        this.preserveOwners = preserveOwners;
        this.xattrs = xattrs;
        this.onlyUnder = onlyUnder;
        this.reserved = reserved;
    }

    public SafeTarExtractor withXattrs(XattrSink sink) {
        return new SafeTarExtractor(preserveOwners, sink, onlyUnder, reserved);
    }

    /**
     * The same extractor, refusing {@code rel} and everything below it ({@code why} says whose it is):
     * a seed never holds the agent's own {@code var/lib/lca}, so a seed cannot plant links where the agent writes.
     */
    public SafeTarExtractor reserving(String rel, String why) {
        return reserve(EntryPaths.normalise(rel), why);
    }

    /** As {@link #reserving}, for what lies below {@code rel} only: the directory itself may be in the archive. */
    public SafeTarExtractor reservingBelow(String rel, String why) {
        return reserve(EntryPaths.normalise(rel) + "/", why);
    }

    private SafeTarExtractor reserve(String key, String why) {
        Map<String, String> more = new java.util.LinkedHashMap<>(reserved);
        more.put(key, why);
        return new SafeTarExtractor(preserveOwners, xattrs, onlyUnder, Map.copyOf(more));
    }

    /**
     * The same extractor, refusing every entry (and hard-link target) that is not {@code top} or below it:
     * a seed's var.tgz is unpacked into the stateroot directory and may hold only {@code var/...}.
     */
    public SafeTarExtractor onlyUnder(String top) {
        if (top.isEmpty() || top.contains("/") || top.equals(".") || top.equals("..")) {
            throw new IllegalArgumentException("onlyUnder takes one directory name, not \"" + top + "\"");
        }
        return new SafeTarExtractor(preserveOwners, xattrs, Optional.of(top), reserved);
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

    /** What one unpack has made so far. */
    private static final class Run {
        final Path root;
        final List<Runnable> dirFixups = new ArrayList<>();
        /** Directories this run checked or made: real directories, never links (see replaceable). */
        final Set<String> verifiedDirs = new HashSet<>();
        /** Regular files and symlinks this run unpacked and still in place: what a hard link may name. */
        final Set<String> unpacked = new HashSet<>();
        final byte[] buf = new byte[BUFFER];

        Run(Path root) {
            this.root = root;
        }
    }

    /** Unpacks an uncompressed tar stream into {@code target} (created if missing); {@code in} is left open. */
    public void extract(InputStream in, Path target, ExtractionBudget budget) {
        try {
            Files.createDirectories(target);
            Run run = new Run(target.toRealPath());
            TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(new KeepOpen(in), BUFFER));
            String previous = null;
            TarArchiveEntry e;
            while ((e = next(tar, previous)) != null) {
                if (!e.isCheckSumOK()) { // commons-compress reads on; GNU tar stops here
                    throw new UnsafeArchiveException(e.getName(), "archive entry " + EntryPaths.quote(e.getName())
                        + " has a wrong header checksum: the archive is corrupt or was altered; rebuild the archive");
                }
                budget.admit(e.getName(), e.isFile() ? e.getRealSize() : 0);
                unpackOne(tar, e, run, budget);
                previous = e.getName();
            }
            // directories last and deepest first: adding children changes their mtime, and a 0500 mode would block them
            for (int i = run.dirFixups.size() - 1; i >= 0; i--) {
                run.dirFixups.get(i).run();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot unpack into " + target + ": " + ex.getMessage(), ex);
        }
    }

    /** The next header; a header the reader cannot make sense of (checksum, sizes, PAX records) is a refusal. */
    private static TarArchiveEntry next(TarArchiveInputStream tar, String previous) {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException bad) {
            String where = previous == null ? "at its first entry" : "after entry " + EntryPaths.quote(previous);
            throw new UnsafeArchiveException(previous == null ? "" : previous, "archive is corrupt " + where + " ("
                + bad.getMessage() + "); rebuild the archive");
        }
    }

    private void unpackOne(InputStream tar, TarArchiveEntry e, Run run, ExtractionBudget budget) throws IOException {
        String name = e.getName();
        String rel = EntryPaths.normalise(name);
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            throw new UnsafeArchiveException(name, "archive entry " + EntryPaths.quote(name)
                + " is a device file or FIFO; seed archives may hold only files, directories and links");
        }
        if (rel.isEmpty()) {
            return; // the archive's own root ("./"): the target already exists
        }
        requireUnderTop(name, rel);
        Path root = run.root;
        Path dest = root.resolve(rel);
        ensureParents(root, rel, name, run.verifiedDirs);
        if (e.isDirectory()) {
            if (!Files.isDirectory(dest, NOFOLLOW)) {
                removeIfNotDirectory(dest, name);
                Files.createDirectory(dest);
            }
            run.unpacked.remove(rel);
            run.verifiedDirs.add(rel);
            run.dirFixups.add(() -> applyMetadata(dest, e));
        } else if (e.isSymbolicLink()) {
            writeSymlink(e, rel, dest);
            run.unpacked.add(rel);
        } else if (e.isLink()) {
            writeHardLink(e, run, dest);
            run.unpacked.add(rel);
        } else if (e.isFile()) {
            replaceable(dest, name);
            try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while ((n = read(tar, name, run.buf)) > 0) {
                    budget.wrote(name, n);
                    out.write(run.buf, 0, n);
                }
            }
            applyMetadata(dest, e);
            run.unpacked.add(rel);
        } else {
            throw new UnsafeArchiveException(name, "archive entry " + EntryPaths.quote(name)
                + " has an unsupported type; seed archives may hold only files, directories and links");
        }
        if (!e.isLink()) {
            collectXattrs(e, dest); // a hard link shares its target's inode, labels included
        }
    }

    private static int read(InputStream tar, String name, byte[] buf) {
        try {
            return tar.read(buf);
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException bad) {
            throw new UnsafeArchiveException(name, "archive is truncated or corrupt in entry " + EntryPaths.quote(name)
                + " (" + bad.getMessage() + "); rebuild the archive");
        }
    }

    private void requireUnderTop(String name, String rel) {
        if (onlyUnder.isPresent() && !rel.equals(onlyUnder.get()) && !rel.startsWith(onlyUnder.get() + "/")) {
            throw new UnsafeArchiveException(name, "archive entry " + EntryPaths.quote(name) + " is not under "
                + onlyUnder.get() + "/, the only directory this archive may fill; rebuild the seed image");
        }
        for (Map.Entry<String, String> r : reserved.entrySet()) {
            String k = r.getKey(); // "dir/" reserves what is below dir, "dir" the directory too
            if (k.endsWith("/") ? rel.startsWith(k) : rel.equals(k) || rel.startsWith(k + "/")) {
                throw new UnsafeArchiveException(name, "archive entry " + EntryPaths.quote(name) + " is in "
                    + (k.endsWith("/") ? k.substring(0, k.length() - 1) : k) + ", " + r.getValue()
                    + "; rebuild the seed image without it");
            }
        }
    }

    private void writeSymlink(TarArchiveEntry e, String rel, Path dest) throws IOException {
        String target = e.getLinkName();
        String q = EntryPaths.quote(e.getName());
        if (target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > EntryPaths.PATH_MAX) {
            throw new UnsafeArchiveException(e.getName(), "symlink " + q + " has a target longer than "
                + EntryPaths.PATH_MAX + " bytes (PATH_MAX); remove it from the archive");
        }
        if (EntryPaths.escapes(rel, target)) {
            throw new UnsafeArchiveException(e.getName(), "symlink " + q + " -> " + EntryPaths.quote(target)
                + " points outside the extraction directory; remove it from the archive");
        }
        replaceable(dest, e.getName());
        Files.createSymbolicLink(dest, Path.of(target));
        if (preserveOwners) {
            setOwners(dest, e);
        }
    }

    private void writeHardLink(TarArchiveEntry e, Run run, Path dest) throws IOException {
        String q = EntryPaths.quote(e.getName()) + " -> " + EntryPaths.quote(e.getLinkName());
        String linkRel;
        try {
            linkRel = EntryPaths.normalise(e.getLinkName());
            requireUnderTop(e.getLinkName(), linkRel);
        } catch (UnsafeArchiveException bad) {
            throw new UnsafeArchiveException(e.getName(), "hard link " + q
                + " points outside the extraction directory; remove it from the archive");
        }
        if (!run.unpacked.contains(linkRel)) {
            throw new UnsafeArchiveException(e.getName(), "hard link " + q
                + " does not name a file unpacked earlier from this archive; rebuild the archive");
        }
        replaceable(dest, e.getName());
        // link(2) does not follow a symlink it is given, and linkRel's parents were checked when it was unpacked
        Files.createLink(dest, run.root.resolve(linkRel));
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
                throw new UnsafeArchiveException(entry, "archive entry " + EntryPaths.quote(entry)
                    + " would be written through the symlink \"" + root.relativize(cur)
                    + "\"; rebuild the archive so no entry lies below a symlink");
            }
            if (!Files.exists(cur, NOFOLLOW)) {
                Files.createDirectory(cur);
            } else if (!Files.isDirectory(cur, NOFOLLOW)) {
                throw new UnsafeArchiveException(entry, "archive entry " + EntryPaths.quote(entry) + " lies below \""
                    + root.relativize(cur) + "\", which is not a directory; rebuild the archive");
            }
            verifiedDirs.add(sofar.toString());
        }
    }

    /** Tar semantics: a later entry replaces an earlier file or link, never a directory. */
    private static void replaceable(Path dest, String entry) throws IOException {
        if (Files.isDirectory(dest, NOFOLLOW)) {
            throw new UnsafeArchiveException(entry, "archive entry " + EntryPaths.quote(entry)
                + " would replace a directory with a non-directory; rebuild the archive");
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
            Files.getFileAttributeView(dest, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(e.getModTime().toInstant()), null, null);
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
