package dev.ibu.ports.in;

import io.vavr.control.Option;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile asks of its caller: look again after {@code requeueAfter} (none: only when something changes),
 * and, when {@code error} is set, retry with the caller's backoff instead.
 */
public record ReconcileResult(Option<Duration> requeueAfter, Option<ReconcileError> error, String summary) {
    public ReconcileResult {
        Objects.requireNonNull(requeueAfter);
        Objects.requireNonNull(error);
        summary = summary == null ? "" : summary;
    }

    public static ReconcileResult done(String summary) {
        return new ReconcileResult(Option.none(), Option.none(), summary);
    }

    public static ReconcileResult after(Duration d, String summary) {
        return new ReconcileResult(Option.some(d), Option.none(), summary);
    }

    public static ReconcileResult error(ReconcileError e) {
        return new ReconcileResult(Option.none(), Option.some(e), e.message());
    }
}
