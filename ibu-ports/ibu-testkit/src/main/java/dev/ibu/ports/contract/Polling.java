package dev.ibu.ports.contract;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a port until an answer satisfies a predicate, letting the world advance between polls. Bounded by a number
 * of rounds, not by time: the contract tests make no timing assertions.
 */
public final class Polling {
    private Polling() {
    }

    public static <T> T until(Supplier<T> poll, Predicate<T> done, Runnable advance, int rounds) {
        T last = poll.get();
        for (int i = 0; i < rounds && !done.test(last); i++) {
            advance.run();
            last = poll.get();
        }
        if (!done.test(last)) {
            throw new AssertionError("still not done after " + rounds + " rounds; last answer: " + last);
        }
        return last;
    }
}
