package dev.ibu.domain;

/** The stateroot naming rule: {@code rhcos_} + the version with {@code -} replaced by {@code _}. */
public final class StaterootName {
    public static final String PREFIX = "rhcos_";

    private StaterootName() {
    }

    /**
     * The new stateroot of {@code spec.seedImageRef.version}, or none when it is not a version: the name becomes a
     * directory under {@code /ostree/deploy} that cleanup removes, so a {@code /} or {@code ..} must never reach it.
     */
    public static io.vavr.control.Option<String> ofSpecVersion(String version) {
        if (version == null || version.isBlank() || !version.equals(version.trim())
                || OcpVersion.parse(version).isLeft()) {
            return io.vavr.control.Option.none();
        }
        return io.vavr.control.Option.some(forVersion(version));
    }

    public static String forVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(
                    "spec.seedImageRef.version is empty: set it to the seed image's OCP version, e.g. 4.15.2");
        }
        return PREFIX + version.replace('-', '_');
    }
}
