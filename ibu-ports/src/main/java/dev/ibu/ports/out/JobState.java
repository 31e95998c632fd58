package dev.ibu.ports.out;

import java.util.Objects;

/** The state of a long-running host job (stateroot setup, precache), derived afresh on every pass. */
public sealed interface JobState {
    record NotStarted() implements JobState {
    }

    /** Running; {@code progress} is a short text for the status message (may be empty). */
    record Running(String progress) implements JobState {
        public Running {
            Objects.requireNonNull(progress);
        }
    }

    record Succeeded() implements JobState {
    }

    /** Finished unsuccessfully; {@code message} says why and what to do. */
    record Failed(String message) implements JobState {
        public Failed {
            Objects.requireNonNull(message);
        }
    }
}
