package dev.ibu.adapters.host.config;

import dev.ibu.adapters.host.support.AtomicFiles;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory under a stateroot's {@code /var} reached without following a link: each component is checked (or
 * created 0700) one by one, so that a link planted in the seed's {@code var.tgz} (say {@code var/opt -> /etc}) can
 * neither redirect a write nor a delete out of the stateroot. Names are single path segments.
 */
final class PrivateTree {
    /** A link (or a non-directory) where a directory of ours was expected. */
    static final class LinkRefused extends RuntimeException {
        LinkRefused(Path p) {
            super(p + " is a link or not a directory; remove it (a seed must not plant links there) and retry");
        }
    }

    private final Path dir;

    PrivateTree(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** The subdirectory {@code rel} (segments separated by '/'), created 0700 where missing. */
    PrivateTree dir(String rel) throws IOException {
        Path p = dir;
        for (String segment : segments(rel)) {
            p = p.resolve(segment);
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new LinkRefused(p);
                }
            }
        }
        return new PrivateTree(p);
    }

    /** The subdirectory {@code rel} if every component exists as a directory (not a link). */
    Option<PrivateTree> existing(String rel) {
        Path p = dir;
        for (String segment : segments(rel)) {
            p = p.resolve(segment);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Option.none();
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new LinkRefused(p);
            }
        }
        return Option.some(new PrivateTree(p));
    }

    /** Writes {@code name} atomically, 0600; a link in its place is replaced, never followed. */
    void write(String name, String content) {
        AtomicFiles.write(dir.resolve(segment(name)), content);
    }

    String read(String name) throws IOException {
        Path p = dir.resolve(segment(name));
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new LinkRefused(p);
        }
        return Files.readString(p);
    }

    /** Regular files directly in this directory (links and directories left out). */
    List<String> fileNames() throws IOException {
        return ClusterConfigFilesAdapter.regularFileNames(dir);
    }

    /** Deletes the tree {@code name} without following links (a link is removed itself). */
    void delete(String name) {
        AtomicFiles.deleteTree(dir.resolve(segment(name)));
    }

    private static List<String> segments(String rel) {
        return List.of(rel.split("/")).map(PrivateTree::segment);
    }

    private static String segment(String s) {
        if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("/") || s.contains("\\")
                || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + s);
        }
        return s;
    }
}
