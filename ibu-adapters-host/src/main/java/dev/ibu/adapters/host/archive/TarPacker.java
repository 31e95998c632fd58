package dev.ibu.adapters.host.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as a tar with sorted names and numeric owners (and optionally one fixed
 * mtime), so the same tree gives the same bytes: the seed builder's layers and the seed's .tgz files.
 */
public final class TarPacker {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Instant fixedMtime; // null keeps each file's own mtime

    public TarPacker(Instant fixedMtime) {
        this.fixedMtime = fixedMtime;
    }

    /** Packs {@code dir}'s contents (names relative to it, prefixed by {@code prefix}) into a gzip tar file. */
    public void packTgz(Path dir, String prefix, Path tgz, Predicate<String> include) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            pack(dir, prefix, out, include);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tgz + ": " + e.getMessage(), e);
        }
    }

    /** Packs into an uncompressed tar stream; {@code out} is finished but not closed. */
    public void pack(Path dir, String prefix, OutputStream out, Predicate<String> include) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new SafeTarExtractor.KeepOpenOut(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().collect(Collectors.toList());
        }
        for (Path p : paths) {
            String rel = dir.relativize(p).toString();
            if (!include.test(rel)) {
                continue;
            }
            String name = prefix.isEmpty() ? rel : prefix + "/" + rel;
            writeEntry(tar, p, name);
        }
        tar.finish();
        tar.flush();
    }

    private void writeEntry(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime,size", NOFOLLOW);
        TarArchiveEntry e;
        boolean regular = false;
        if (Files.isSymbolicLink(p)) {
            e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, NOFOLLOW)) {
            e = new TarArchiveEntry(name + "/");
        } else if (Files.isRegularFile(p, NOFOLLOW)) {
            e = new TarArchiveEntry(name);
            regular = true;
            e.setSize((Long) attrs.get("size"));
        } else {
            return; // sockets, fifos, devices never go into a seed
        }
        e.setMode((Integer) attrs.get("mode") & 07777);
        e.setIds((Integer) attrs.get("uid"), (Integer) attrs.get("gid"));
        e.setLastModifiedTime(fixedMtime != null ? FileTime.from(fixedMtime) : (FileTime) attrs.get("lastModifiedTime"));
        tar.putArchiveEntry(e);
        if (regular) {
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }
}
