package dev.ibu.adapters.host.archive;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Pure path rules for archive entries: normalisation, traversal and symlink-escape checks. */
final class EntryPaths {

    private EntryPaths() {
    }

    /**
     * Normalises an entry name to a relative path ("" for the archive root), rejecting absolute names
     * and any ".." component.
     */
    static String normalise(String entry) {
        if (entry.startsWith("/")) {
            throw new UnsafeArchiveException(entry, "archive entry \"" + entry
                + "\" has an absolute path; rebuild the archive with paths relative to its root (tar -C DIR .)");
        }
        StringBuilder out = new StringBuilder();
        for (String part : entry.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeArchiveException(entry, "archive entry \"" + entry
                    + "\" contains \"..\"; rebuild the archive without parent-directory references");
            }
            if (part.indexOf('\0') >= 0) {
                throw new UnsafeArchiveException(entry, "archive entry \"" + entry + "\" contains a NUL byte");
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
     * resolve outside the extraction root. The root is treated as "/" of the unpacked tree, as it is
     * once the tree is a deployment: absolute targets are re-rooted, ".." may not climb above it.
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
