package dev.ibu.domain.fleet;

/**
 * A halted rollout: the step that halted, how many plan steps existed then (appending a step resumes after the
 * halted one once its in-flight spokes have finished), and the message.
 */
public record Halt(int step, int planSize, String message) {
}
