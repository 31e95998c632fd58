package dev.ibu.ports.in;

import java.util.Objects;

/**
 * Why a reconcile stopped short: the caller logs {@code message} and retries with its backoff. The driving port's
 * own type, so that callers of the use case need nothing of the driven SPI ({@code dev.ibu.ports.out}).
 *
 * @param kind    how the engine classed the failure behind it
 * @param message what failed and, where the engine knows it, the fix
 */
public record ReconcileError(Kind kind, String message) {
    /** The failure kinds of the SPI, as the caller sees them. */
    public enum Kind {
        /** Worth retrying as is (the API server or the host was briefly unavailable). */
        TRANSIENT("Transient"),
        /** Retrying will not help until something changes. */
        TERMINAL("Terminal"),
        /** Someone else changed the resource first: read again. */
        CONFLICT("Conflict"),
        /** Something the reconcile needs does not exist. */
        NOT_FOUND("NotFound"),
        /** Something given is invalid. */
        INVALID("Invalid");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short name for logs and metric labels, e.g. {@code NotFound}. */
        public String label() {
            return label;
        }
    }

    public ReconcileError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
