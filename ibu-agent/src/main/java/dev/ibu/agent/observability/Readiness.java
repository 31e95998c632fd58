package dev.ibu.agent.observability;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What {@code /readyz} answers. Without leader election: ready once the controller has synced (its first reconcile
 * finished). With leader election: ready while a standby waits for the Lease (it has nothing to sync), and, once it
 * holds the Lease, when the controller has synced. Once synced, the controller's own health check
 * ({@link #watchController}: e.g. its informer cannot list or watch) can still make it not ready.
 * Thread-safe: flip it from any thread.
 */
public final class Readiness {
    enum Lease { NOT_STARTED, WAITING, HELD }

    private record State(boolean synced, Lease lease) {
    }

    private final boolean leaderElection;
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, Lease.NOT_STARTED));
    private volatile Supplier<Optional<String>> controllerProblem = Optional::empty;

    /** {@code leaderElection}: whether the agent runs with {@code --leader-elect}. */
    public Readiness(boolean leaderElection) {
        this.leaderElection = leaderElection;
    }

    /** Where to ask, at each probe, what is wrong with the running controller (empty: nothing). */
    public void watchController(Supplier<Optional<String>> problem) {
        this.controllerProblem = java.util.Objects.requireNonNull(problem);
    }

    /** The controller has synced: it started and its first reconcile finished. */
    public void synced() {
        state.updateAndGet(s -> new State(true, s.lease()));
    }

    /** Leader election: campaigning for the Lease as a standby. */
    public void waitingForLease() {
        state.updateAndGet(s -> new State(s.synced(), Lease.WAITING));
    }

    /** Leader election: this replica holds the Lease (it must still sync before it is ready). */
    public void leading() {
        state.updateAndGet(s -> new State(s.synced(), Lease.HELD));
    }

    /** Not ready again (shutting down, or the Lease was lost). */
    public void notReady() {
        state.set(new State(false, Lease.NOT_STARTED));
    }

    public boolean isReady() {
        return reason().isEmpty();
    }

    /** Why not ready, for the body of a 503; empty when ready. */
    public String reason() {
        State s = state.get();
        if (!leaderElection) {
            return s.synced() ? controllerProblem() : "the controller has not synced yet (no reconcile has finished)";
        }
        if (s.lease() == Lease.NOT_STARTED) {
            return "leader election has not started";
        }
        if (s.lease() == Lease.HELD && !s.synced()) {
            return "holding the Lease; the controller has not synced yet (no reconcile has finished)";
        }
        return s.lease() == Lease.HELD ? controllerProblem() : "";
    }

    private String controllerProblem() {
        try {
            return controllerProblem.get().orElse("");
        } catch (RuntimeException e) {
            return "the controller's health check failed: " + e;
        }
    }
}
