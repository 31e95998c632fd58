package dev.ibu.domain;

/** The stateroot naming rule: {@code rhcos_} + the version with {@code -} replaced by {@code _}. */
public final class StaterootName {
    public static final String PREFIX = "rhcos_";

    private StaterootName() {
    }

    public static String forVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(
                    "spec.seedImageRef.version is empty: set it to the seed image's OCP version, e.g. 4.15.2");
        }
        return PREFIX + version.replace('-', '_');
    }
}
