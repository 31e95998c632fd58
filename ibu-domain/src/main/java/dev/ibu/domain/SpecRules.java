package dev.ibu.domain;

import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The checks of {@code spec} that need nothing but the spec itself, made at Prep before anything else (the settings
 * are frozen there, and the version names the stateroot the host is asked about).
 * Each message names the field and the fix; user-given text is bounded by {@link Echo}.
 */
public final class SpecRules {
    private SpecRules() {
    }

    /** None when the spec may start Prep, otherwise why not (without the "failed to validate IBU spec: " prefix). */
    public static Option<String> problem(Spec spec) {
        if (spec.seedImageRef().version().isBlank()) {
            return Option.some("spec.seedImageRef.version is empty: set it to the seed image's OCP version (e.g. "
                    + "4.15.2), then go back to Idle and start Prep again");
        }
        String version = spec.seedImageRef().version();
        Either<String, OcpVersion> parsed = OcpVersion.parse(version);
        if (parsed.isLeft() || !version.equals(version.trim())) {
            String why = parsed.isLeft() ? parsed.getLeft() : "\"" + Echo.of(version) + "\" has surrounding spaces";
            return Option.some("failed to parse target/seed version: " + why + " (spec.seedImageRef.version)");
        }
        if (spec.seedImageRef().image().isBlank()) {
            return Option.some("spec.seedImageRef.image is empty: set it to the seed image pull spec");
        }
        Option<Long> timeout = spec.autoRollbackOnFailure().map(AutoRollbackOnFailure::initMonitorTimeoutSeconds);
        if (timeout.exists(t -> t < 0)) {
            return Option.some("spec.autoRollbackOnFailure.initMonitorTimeoutSeconds is " + timeout.get()
                    + ": set it to 0 (the default, 1800 seconds) or a positive number of seconds, then go back to "
                    + "Idle and start Prep again");
        }
        return Option.none();
    }
}
