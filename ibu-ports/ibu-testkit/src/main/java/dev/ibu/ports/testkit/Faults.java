package dev.ibu.ports.testkit;

import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Fault switches keyed by operation name ({@link Op}), and a count of calls per operation. Every in-memory port
 * calls {@link #check(String)} first: the call is counted, and if a switch fires the port returns its failure
 * without touching the world (a failed call has no effect, like a request that never reached the server).
 *
 * <p>Switches: {@link #failOnce} fails the next call only; {@link #failAlways} every call until cleared;
 * {@link #failAfter} lets the next {@code n} calls through and fails every call after them until cleared.
 * Setting a switch replaces the previous one for that operation.
 */
public final class Faults {
    private final Map<String, Switch> switches = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();

    public synchronized Faults failOnce(String op, PortFailure failure) {
        switches.put(op, new Switch(failure, 0, true));
        return this;
    }

    public synchronized Faults failAlways(String op, PortFailure failure) {
        switches.put(op, new Switch(failure, 0, false));
        return this;
    }

    /** The next {@code n} calls of {@code op} succeed; every later call fails with {@code failure}. */
    public synchronized Faults failAfter(String op, int n, PortFailure failure) {
        if (n < 0) {
            throw new IllegalArgumentException("failAfter needs n >= 0, got " + n);
        }
        switches.put(op, new Switch(failure, n, false));
        return this;
    }

    public synchronized Faults clear(String op) {
        switches.remove(op);
        return this;
    }

    public synchronized Faults clearAll() {
        switches.clear();
        return this;
    }

    /** Counts a call of {@code op} and returns the failure to answer with, if a switch fires. */
    public synchronized Option<PortFailure> check(String op) {
        Objects.requireNonNull(op);
        calls.merge(op, 1, Integer::sum);
        Switch s = switches.get(op);
        if (s == null) {
            return Option.none();
        }
        if (s.letThrough > 0) {
            switches.put(op, new Switch(s.failure, s.letThrough - 1, s.once));
            return Option.none();
        }
        if (s.once) {
            switches.remove(op);
        }
        failures.merge(op, 1, Integer::sum);
        return Option.some(s.failure);
    }

    /** {@link #check(String)}, then {@code body} when no switch fired. */
    public <T> Either<PortFailure, T> guard(String op, Supplier<Either<PortFailure, T>> body) {
        Option<PortFailure> failure = check(op);
        return failure.isDefined() ? Either.left(failure.get()) : body.get();
    }

    /** How many times {@code op} was called (including calls that a switch failed). */
    public synchronized int calls(String op) {
        return calls.getOrDefault(op, 0);
    }

    /** How many calls of {@code op} a switch failed. */
    public synchronized int failures(String op) {
        return failures.getOrDefault(op, 0);
    }

    public synchronized void resetCounts() {
        calls.clear();
        failures.clear();
    }

    private record Switch(PortFailure failure, int letThrough, boolean once) {
    }
}
