package dev.ibu.ports.out;

import java.util.Objects;

/**
 * An expected failure of a driven port. The engine maps each kind to a status: {@link Transient} is retried with
 * backoff, {@link Terminal} fails the running stage, {@link Conflict} means "read again and redecide",
 * {@link NotFound} and {@link Invalid} name what is missing or wrong and how to fix it.
 */
public sealed interface PortFailure {
    /** A message for a person: names the object or field and, where there is one, the fix. */
    String message();

    /** Infrastructure hiccup (API server unreachable, process killed); retry later. */
    record Transient(String message) implements PortFailure {
        public Transient {
            Objects.requireNonNull(message);
        }
    }

    /** The operation failed for good (backup Failed, job failed, reboot refused). */
    record Terminal(String message) implements PortFailure {
        public Terminal {
            Objects.requireNonNull(message);
        }
    }

    /** Optimistic concurrency: the object changed since it was read. */
    record Conflict(String message) implements PortFailure {
        public Conflict {
            Objects.requireNonNull(message);
        }
    }

    /** Something the request refers to does not exist (ConfigMap, Secret, image, stateroot). */
    record NotFound(String message) implements PortFailure {
        public NotFound {
            Objects.requireNonNull(message);
        }
    }

    /** The request or its input is invalid (malformed manifest, forbidden kind, refused removal of the booted stateroot). */
    record Invalid(String message) implements PortFailure {
        public Invalid {
            Objects.requireNonNull(message);
        }
    }

    static PortFailure transientFailure(String message) {
        return new Transient(message);
    }

    static PortFailure terminal(String message) {
        return new Terminal(message);
    }

    static PortFailure notFound(String message) {
        return new NotFound(message);
    }

    static PortFailure invalid(String message) {
        return new Invalid(message);
    }

    static PortFailure conflict(String message) {
        return new Conflict(message);
    }
}
