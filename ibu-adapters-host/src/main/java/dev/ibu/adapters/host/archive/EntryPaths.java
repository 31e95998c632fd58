package dev.ibu.adapters.host.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Pure path rules for archive entries: normalisation, traversal, size bounds and symlink-escape checks. */
final class EntryPaths {

    /** Linux's PATH_MAX: the longest entry name or link target we accept, in bytes. */
    static final int PATH_MAX = 4096;
    /** Linux's NAME_MAX: the longest component, in bytes. */
    static final int NAME_MAX = 255;
    /** The deepest entry we accept: real seeds stay below 40 (ostree objects are 3 deep). */
    static final int MAX_DEPTH = 128;
    /** How much of a name a message shows. */
    private static final int SHOWN = 160;

    private EntryPaths() {
    }

    /** The name in quotes for a message, cut to a readable length (a hostile name can be 100k characters). */
    static String quote(String name) {
        if (name == null) {
            return "\"\"";
        }
        if (name.length() <= SHOWN) {
            return "\"" + name + "\"";
        }
        return "\"" + name.substring(0, SHOWN) + "...\" (" + name.length() + " characters)";
    }

    /**
     * Normalises an entry name to a relative path ("" for the archive root), rejecting absolute names,
     * any ".." component, NUL bytes, and names beyond PATH_MAX, NAME_MAX or MAX_DEPTH.
     */
    static String normalise(String entry) {
        String q = quote(entry);
        if (entry.getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            throw new UnsafeArchiveException(entry, "archive entry " + q + " has a name longer than " + PATH_MAX
                + " bytes (PATH_MAX); rebuild the archive with shorter paths");
        }
        if (entry.startsWith("/")) {
            throw new UnsafeArchiveException(entry, "archive entry " + q
                + " has an absolute path; rebuild the archive with paths relative to its root (tar -C DIR .)");
        }
        if (entry.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(entry, "archive entry " + q + " contains a NUL byte");
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (String part : entry.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeArchiveException(entry, "archive entry " + q
                    + " contains \"..\"; rebuild the archive without parent-directory references");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                throw new UnsafeArchiveException(entry, "archive entry " + q + " has a component longer than " + NAME_MAX
                    + " bytes (NAME_MAX); rebuild the archive with shorter names");
            }
            if (++depth > MAX_DEPTH) {
                throw new UnsafeArchiveException(entry, "archive entry " + q + " is nested deeper than " + MAX_DEPTH
                    + " directories; rebuild the archive with a flatter tree");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /**
     * True when a symlink at {@code linkPath} (normalised, relative) pointing to {@code target} would
     * climb above the extraction root by its own text. The root is treated as "/" of the unpacked tree,
     * as it is once the tree is a deployment: absolute targets are re-rooted, ".." may not climb above it.
     * Text cannot tell where a chain of links ends: safety comes from never writing through a link
     * (the extractor) and never following one below a stateroot ({@code ContainedPath}), not from this.
     */
    static boolean escapes(String linkPath, String target) {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            return true;
        }
        Deque<String> stack = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            List<String> parts = List.of(linkPath.split("/"));
            for (int i = 0; i < parts.size() - 1; i++) {
                if (!parts.get(i).isEmpty()) {
                    stack.addLast(parts.get(i));
                }
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (stack.isEmpty()) {
                    return true;
                }
                stack.removeLast();
            } else {
                stack.addLast(part);
            }
        }
        return false;
    }
}
