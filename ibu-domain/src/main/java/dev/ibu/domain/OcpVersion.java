package dev.ibu.domain;

import io.vavr.control.Either;

import java.util.Objects;

/**
 * An OpenShift version compared as semver: build metadata is ignored, a pre-release sorts before its release
 * (so {@code 4.15.0-rc.1 < 4.15.0}). Pre-release identifiers compare numerically when both are numbers.
 */
public record OcpVersion(int major, int minor, int patch, String preRelease) implements Comparable<OcpVersion> {
    public OcpVersion {
        Objects.requireNonNull(preRelease);
    }

    public static Either<String, OcpVersion> parse(String text) {
        if (text == null || text.isBlank()) {
            return Either.left("empty version");
        }
        String v = text.trim();
        int plus = v.indexOf('+');
        if (plus >= 0) {
            v = v.substring(0, plus);
        }
        String pre = "";
        int dash = v.indexOf('-');
        if (dash >= 0) {
            pre = v.substring(dash + 1);
            v = v.substring(0, dash);
        }
        String[] parts = v.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Either.left("\"" + text + "\" is not a version like 4.15.2");
        }
        try {
            int patch = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            return Either.right(new OcpVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), patch, pre));
        } catch (NumberFormatException e) {
            return Either.left("\"" + text + "\" is not a version like 4.15.2");
        }
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
