package dev.ibu.domain.fleet;

/** The step's counts; {@code total} is every spoke the step applies to. */
public record Summary(int total, int notStarted, int inProgress, int completed, int failed, int timedOut,
                      int held) {

    public int failures() {
        return failed + timedOut + held;
    }
}
