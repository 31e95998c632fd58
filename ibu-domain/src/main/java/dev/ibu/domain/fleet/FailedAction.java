package dev.ibu.domain.fleet;

/** {@code status.clusters[].failedActions[]}: the action and the spoke's message. */
public record FailedAction(Action action, String message) {
}
