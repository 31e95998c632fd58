package dev.ibu.ports.out;

import java.util.Objects;

/** Progress of work tracked across passes (backups, restores). Failures are a {@link PortFailure} instead. */
public sealed interface WorkProgress {
    record Done() implements WorkProgress {
    }

    /** Objects are being processed; look again soon (30 s upstream). */
    record Progressing(String message) implements WorkProgress {
        public Progressing {
            Objects.requireNonNull(message);
        }
    }

    /** Waiting on something else (pending, not synced yet); look again later (60 s upstream). */
    record Waiting(String message) implements WorkProgress {
        public Waiting {
            Objects.requireNonNull(message);
        }
    }
}
