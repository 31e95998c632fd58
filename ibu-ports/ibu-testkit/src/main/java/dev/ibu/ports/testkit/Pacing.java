package dev.ibu.ports.testkit;

/**
 * How an in-memory job advances: one step per {@code tick()} of the world, or one step per status poll by the engine
 * (handy when a test only runs reconciles). A job needs {@code steps} steps; zero means it finishes when started.
 */
public record Pacing(Mode mode, int steps) {
    public enum Mode { TICKS, POLLS }

    public Pacing {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    public static Pacing afterTicks(int n) {
        return new Pacing(Mode.TICKS, n);
    }

    public static Pacing afterPolls(int n) {
        return new Pacing(Mode.POLLS, n);
    }

    public static Pacing immediate() {
        return new Pacing(Mode.TICKS, 0);
    }

    boolean byTicks() {
        return mode == Mode.TICKS;
    }
}
