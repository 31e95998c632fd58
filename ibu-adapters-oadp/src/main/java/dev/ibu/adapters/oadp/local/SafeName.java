package dev.ibu.adapters.oadp.local;

import io.vavr.control.Either;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The one gate between names that come from the cluster (Backup names, object names, namespaces, resource plurals)
 * and path segments on the node: a name becomes a file or directory name only if it is one plain segment of at most
 * {@value #MAX_BYTES} bytes, starts with a letter or digit and uses only characters Kubernetes names use. So no
 * {@code /}, no {@code ..}, no hidden files, no control characters, and a name plus {@code .yaml} fits in the 255
 * bytes a Linux file name may have.
 */
public final class SafeName {
    /** Kubernetes names are at most 253 characters; 200 leaves room for suffixes in a 255-byte file name. */
    public static final int MAX_BYTES = 200;
    // DNS subdomains, plus ':' and '@' found in RBAC names such as system:controller:... and upper case in a few kinds
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]*");

    private SafeName() {
    }

    /** The name as a path segment, or why it cannot be one (naming {@code what}, e.g. "Backup name"). */
    public static Either<String, String> segment(String what, String name) {
        if (name == null || name.isEmpty()) {
            return Either.left(what + " is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Either.left(what + " \"" + abbreviate(name) + "\" is longer than " + MAX_BYTES
                    + " bytes and cannot be stored by the local backup");
        }
        if (!SEGMENT.matcher(name).matches() || name.contains("..")) {
            return Either.left(what + " \"" + abbreviate(name) + "\" is not a plain name (letters, digits, '.', '-',"
                    + " ':', '@'; starting with a letter or digit; no \"..\") and cannot become a file name");
        }
        return Either.right(name);
    }

    public static boolean isSafe(String name) {
        return segment("name", name).isRight();
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
