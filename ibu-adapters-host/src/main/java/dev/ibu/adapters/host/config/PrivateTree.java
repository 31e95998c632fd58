package dev.ibu.adapters.host.config;

import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.support.ContainedPath;
import dev.ibu.adapters.host.support.HostLayout;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A directory of ours under a stateroot's {@code /var}, every access going through {@link ContainedPath}: no
 * component on the way is followed, so a link planted in the seed's {@code var.tgz} (say {@code var/opt -> /etc})
 * can neither redirect a write, a read nor a delete out of the stateroot ({@link ContainedPath.EscapeException}).
 * The directories we make are 0700, the files 0600 (written atomically). Names are single path segments.
 */
final class PrivateTree {
    private final HostLayout layout;
    private final String stateroot;
    private final String rel;

    private PrivateTree(HostLayout layout, String stateroot, String rel) {
        this.layout = layout;
        this.stateroot = stateroot;
        this.rel = rel;
    }

    /** The stateroot's {@code var/<rel>}, not touched yet. */
    static PrivateTree in(HostLayout layout, String stateroot, String rel) {
        return new PrivateTree(layout, stateroot, rel);
    }

    private ContainedPath at(String name) {
        return layout.inStaterootVar(stateroot, rel + "/" + segment(name));
    }

    /** The subdirectory {@code name}, created 0700 when missing (its parents too). */
    PrivateTree dir(String name) throws IOException {
        ContainedPath sub = at(name);
        Path p = sub.forWrite();
        try {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new ContainedPath.EscapeException(sub, p, "is a symbolic link or not a directory");
            }
        }
        return new PrivateTree(layout, stateroot, rel + "/" + name);
    }

    /** The subdirectory {@code name} if it and every directory on the way exist (none of them a link). */
    Option<PrivateTree> existing(String name) {
        ContainedPath sub = at(name);
        Option<Path> p = Option.ofOptional(sub.forRead()).filter(x -> Files.exists(x, LinkOption.NOFOLLOW_LINKS));
        if (p.isEmpty()) {
            return Option.none();
        }
        if (!Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ContainedPath.EscapeException(sub, p.get(), "is a symbolic link or not a directory");
        }
        return Option.some(new PrivateTree(layout, stateroot, rel + "/" + name));
    }

    /** Writes {@code name} atomically, 0600; a link in its place is replaced, never followed. */
    void write(String name, String content) {
        AtomicFiles.write(at(name), content);
    }

    /** A regular file's content; a link in its place is refused. */
    String read(String name) {
        return AtomicFiles.read(at(name)).orElseThrow(() -> new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException(at(name).toString())));
    }

    /** Regular files directly in this directory (links and directories left out). */
    List<String> fileNames() throws IOException {
        Path dir = layout.inStaterootVar(stateroot, rel).forRead().orElseThrow();
        try (Stream<Path> s = Files.list(dir)) {
            return List.ofAll(s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .map(f -> f.getFileName().toString()).toList());
        }
    }

    /** Deletes the tree {@code name} without following links (a link in its place is removed itself). */
    void delete(String name) {
        AtomicFiles.deleteTree(at(name));
    }

    private static String segment(String s) {
        if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("/") || s.contains("\\")
                || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + s);
        }
        return s;
    }
}
