package dev.ibu.adapters.host.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A path below a trusted base directory that is never reached through a symbolic link: every component
 * of {@code rel} is looked at with {@code NOFOLLOW_LINKS} and a link or a non-directory on the way
 * refuses the operation. This is how the agent writes under a stateroot or the sysroot, whose trees come
 * from a seed image (hostile input) and hold symlinks that point anywhere once read from outside the
 * deployment (e.g. {@code /var/lib -> /etc}).
 *
 * <p>The last component is never followed either: writers replace it by {@code rename} (which replaces
 * a link, not its target) and readers open it with {@code O_NOFOLLOW}. The check and the use are two
 * steps, which is enough against a tree that is data; nothing else writes under these bases meanwhile.
 *
 * @param base trusted, absolute; may itself lie below links (e.g. a pod's {@code /host})
 * @param rel  relative, "/"-separated, without "." or ".." components
 */
public record ContainedPath(Path base, String rel) {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    public ContainedPath {
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("the base of a contained path must be absolute: " + base);
        }
        if (rel.isEmpty() || rel.startsWith("/") || rel.endsWith("/")) {
            throw new IllegalArgumentException("\"" + rel + "\" is not a relative path below " + base);
        }
        for (String part : rel.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("\"" + rel + "\" has an empty, \".\" or \"..\" component");
            }
        }
    }

    public static ContainedPath of(Path base, String rel) {
        return new ContainedPath(base, rel);
    }

    /** A path further down. */
    public ContainedPath resolve(String more) {
        return new ContainedPath(base, rel + "/" + more);
    }

    /** The lexical path, for messages and for host commands; use the methods below to touch it. */
    public Path path() {
        return base.resolve(rel);
    }

    /** The file name (last component). */
    public String name() {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? rel : rel.substring(slash + 1);
    }

    /**
     * The parent directory, each component below the base checked not to be a link; missing ones created
     * (mode from the umask, as {@code mkdir -p}) when {@code create}, else empty. Throws {@link EscapeException} on a link or a non-directory.
     */
    public Optional<Path> parent(boolean create) {
        String[] parts = rel.split("/");
        Path cur = base;
        if (create && parts.length > 1 && !Files.isDirectory(base)) {
            try {
                Files.createDirectories(base); // trusted: links above and in the base are the host's own
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + base + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.resolve(parts[i]);
            Optional<BasicFileAttributes> a = lstat(cur);
            if (a.isEmpty()) {
                if (!create) {
                    return Optional.empty();
                }
                mkdir(cur);
                a = lstat(cur);
            }
            if (a.isEmpty()) {
                throw new EscapeException(this, cur, "vanished while it was created");
            } else if (a.get().isSymbolicLink()) {
                throw new EscapeException(this, cur, "is a symbolic link");
            } else if (!a.get().isDirectory()) {
                throw new EscapeException(this, cur, "is not a directory");
            }
        }
        return Optional.of(cur);
    }

    /** {@link #path()} once its parents are checked (and created): safe to create or replace the last component. */
    public Path forWrite() {
        return parent(true).orElseThrow().resolve(name());
    }

    /** {@link #path()} if its parents exist and are no links; the last component is not looked at. */
    public Optional<Path> forRead() {
        return parent(false).map(p -> p.resolve(name()));
    }

    /** Whether the last component itself is a symbolic link (parents checked). */
    public boolean isLink() {
        return forRead().flatMap(ContainedPath::lstat).map(BasicFileAttributes::isSymbolicLink).orElse(false);
    }

    static Optional<BasicFileAttributes> lstat(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + p + ": " + e.getMessage(), e);
        }
    }

    private static void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile (another writer of ours): the caller's next lstat of a child sees what it is
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return path().toString();
    }

    /** A component on the way is a link or no directory: the operation would leave the base. */
    public static final class EscapeException extends RuntimeException {
        public EscapeException(ContainedPath target, Path component, String what) {
            super("refusing to go through " + component + " to reach " + target.path() + ": " + component + " " + what
                + " (a path under " + target.base() + " may only go through real directories); remove "
                + component + " or rebuild the seed image without it");
        }
    }
}
