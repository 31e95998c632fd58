package dev.ibu.domain.fleet;

/** Where a spoke stands in the step it last took part in. */
public enum RowState {
    IN_PROGRESS("InProgress"), COMPLETED("Completed"), FAILED("Failed"), TIMED_OUT("TimedOut"), HELD("Held");

    private final String wireName;

    RowState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean failure() {
        return this == FAILED || this == TIMED_OUT || this == HELD;
    }
}
