package dev.ibu.domain.fleet;

import io.vavr.collection.List;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code rolloutStrategy.canary}: a first batch, either the first {@code count} spokes in name order or the named
 * spokes, that must all complete and then soak for {@code soak} before any other spoke of the step starts. A failed
 * canary halts the rollout whatever the failure budget says.
 */
public record Canary(int count, List<String> names, Duration soak) {

    public Canary {
        names = names == null ? List.empty() : names;
        Objects.requireNonNull(soak, "soak");
        if (count < 0 || soak.isNegative()) {
            throw new IllegalArgumentException("canary count and soak must not be negative");
        }
    }

    public static Canary first(int count, Duration soak) {
        return new Canary(count, List.empty(), soak);
    }

    public static Canary named(List<String> names, Duration soak) {
        return new Canary(0, names, soak);
    }

    /** The canary spokes among {@code ordered} (already in name order). */
    public List<String> pick(List<String> ordered) {
        if (!names.isEmpty()) {
            return ordered.filter(names::contains);
        }
        return ordered.take(count);
    }
}
