package dev.ibu.domain;

import io.vavr.control.Option;

/**
 * The checks of {@code spec} that need nothing but the spec itself, made at Prep (the settings are frozen there).
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
