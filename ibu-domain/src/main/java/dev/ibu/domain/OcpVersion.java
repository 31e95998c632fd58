package dev.ibu.domain;

import io.vavr.control.Either;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenShift version compared as semver: build metadata is ignored, a pre-release sorts before its release
 * (so {@code 4.15.0-rc.1 < 4.15.0}). Pre-release identifiers compare numerically when both are numbers.
 */
public record OcpVersion(int major, int minor, int patch, String preRelease) implements Comparable<OcpVersion> {
    public OcpVersion {
        Objects.requireNonNull(preRelease);
    }

    static final int MAX_LENGTH = 128;

    /** Semver as OpenShift writes it: 4.15.2, 4.15, 4.15.0-rc.1, 4.16.0-0.nightly-2024-05-01-000000+build. */
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    /**
     * Parses {@code text}; anything else than the characters of a version (a {@code /}, a space...) is refused, since
     * the version also names the new stateroot. The error repeats the text bounded by {@link Echo}.
     */
    public static Either<String, OcpVersion> parse(String text) {
        if (text == null || text.isBlank()) {
            return Either.left("empty version");
        }
        // the length first: no version is that long, and a regex over a huge input can exhaust the stack
        Matcher m = FORMAT.matcher(text.trim());
        if (text.length() > MAX_LENGTH || !m.matches()) {
            return Either.left("\"" + Echo.of(text) + "\" is not a version like 4.15.2");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String pre = m.group(4) == null ? "" : m.group(4);
        return Either.right(new OcpVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, pre));
    }

    @Override
    public int compareTo(OcpVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        c = c != 0 ? c : Integer.compare(patch, o.patch);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        return comparePre(preRelease, o.preRelease);
    }

    private static int comparePre(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].matches("\\d+");
            boolean ny = y[i].matches("\\d+");
            int c = nx && ny ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : nx != ny ? (nx ? -1 : 1) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
