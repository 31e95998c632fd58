package dev.ibu.ports.out;

import io.vavr.collection.List;

import java.util.Objects;

/**
 * The result of a health check: empty when healthy, otherwise one line per failing check, such as
 * {@code one or more ClusterOperators not yet ready: authentication}.
 */
public record HealthReport(List<String> failures) {
    public static final HealthReport HEALTHY = new HealthReport(List.empty());

    public HealthReport {
        Objects.requireNonNull(failures);
    }

    public boolean healthy() {
        return failures.isEmpty();
    }

    /** The seed document's format: a header line, then one bulleted line per failing check. */
    public String message() {
        return "one or more health checks failed" + failures.map(f -> "\n  - " + f).mkString();
    }
}
