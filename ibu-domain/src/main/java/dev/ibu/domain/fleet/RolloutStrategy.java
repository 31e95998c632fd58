package dev.ibu.domain.fleet;

import io.vavr.control.Option;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code plan[].rolloutStrategy}: TALM's {@code maxConcurrency} and {@code timeout} (minutes on the wire; here each
 * spoke gets the whole timeout from its own start, so fail-fast needs no batch split) plus ibu's failure budget,
 * canary and {@code onFailure}.
 */
public record RolloutStrategy(
        int maxConcurrency,
        Duration timeout,
        Option<FailureBudget> maxFailures,
        Option<Canary> canary,
        OnFailure onFailure) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(240);

    public RolloutStrategy {
        Objects.requireNonNull(timeout, "timeout");
        maxFailures = maxFailures == null ? Option.none() : maxFailures;
        canary = canary == null ? Option.none() : canary;
        onFailure = onFailure == null ? OnFailure.ABORT : onFailure;
    }

    /** TALM's strategy: no budget, no canary, failed spokes left for an Abort step. */
    public static RolloutStrategy talm(int maxConcurrency, Duration timeout) {
        return new RolloutStrategy(maxConcurrency, timeout, Option.none(), Option.none(), OnFailure.ABORT);
    }

    public RolloutStrategy withMaxFailures(FailureBudget b) {
        return new RolloutStrategy(maxConcurrency, timeout, Option.some(b), canary, onFailure);
    }

    public RolloutStrategy withCanary(Canary c) {
        return new RolloutStrategy(maxConcurrency, timeout, maxFailures, Option.some(c), onFailure);
    }

    public RolloutStrategy withOnFailure(OnFailure o) {
        return new RolloutStrategy(maxConcurrency, timeout, maxFailures, canary, o);
    }

    public RolloutStrategy withMaxConcurrency(int n) {
        return new RolloutStrategy(n, timeout, maxFailures, canary, onFailure);
    }
}
