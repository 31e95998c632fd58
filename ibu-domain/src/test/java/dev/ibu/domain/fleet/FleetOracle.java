package dev.ibu.domain.fleet;

import dev.ibu.domain.fleet.SpokeScript.Outcome;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An independent, simple model of what a rollout must do to each spoke: which spokes a step applies to (from what
 * happened to them before), and how a started spoke ends, from its script alone.
 */
final class FleetOracle {
    final Map<String, Set<Action>> done = new HashMap<>();
    final Set<String> everFailed = new HashSet<>();
    final Set<String> freshFailure = new HashSet<>();
    final Set<String> aborted = new HashSet<>();
    final Set<String> held = new HashSet<>();

    boolean eligible(String n, Action first) {
        Set<Action> d = done.getOrDefault(n, Set.of());
        if (held.contains(n)) {
            return false;
        }
        boolean failed = everFailed.contains(n);
        switch (first) {
            case PREP: return !d.contains(Action.PREP) && !failed;
            case UPGRADE: return d.contains(Action.PREP) && !d.contains(Action.UPGRADE) && !failed;
            case FINALIZE_UPGRADE:
            case ROLLBACK: return d.contains(Action.UPGRADE) && !failed && !d.contains(Action.ROLLBACK);
            case FINALIZE_ROLLBACK: return d.contains(Action.ROLLBACK);
            case ABORT: return !d.contains(Action.UPGRADE) && !aborted.contains(n);
            default: return freshFailure.contains(n);
        }
    }

    /** How a spoke started in {@code item} ends: the state, and the actions it completes. */
    static RowState expected(Map<Action, SpokeScript> script, PlanItem item, java.util.List<Action> completes) {
        long timeout = item.rolloutStrategy().timeout().toMinutes();
        long cum = 0;
        RowState failure = null;
        for (Action a : item.actions()) {
            SpokeScript s = script.get(a);
            cum += s.minutes();
            if (s.outcome() == Outcome.HANG || cum > timeout) {
                failure = RowState.TIMED_OUT;
                break;
            }
            if (s.outcome() == Outcome.FAIL) {
                failure = RowState.FAILED;
                break;
            }
            completes.add(a);
        }
        if (failure == null) {
            return RowState.COMPLETED;
        }
        return item.rolloutStrategy().onFailure() == OnFailure.HOLD ? RowState.HELD : failure;
    }

    void record(String n, PlanItem item, RowState state, java.util.List<Action> completes) {
        done.computeIfAbsent(n, k -> new HashSet<>()).addAll(completes);
        if (completes.stream().anyMatch(Action::aborts)) {
            aborted.add(n);
        }
        boolean abortStep = item.first().aborts();
        freshFailure.remove(n);
        if (state.failure()) {
            everFailed.add(n);
            if (!abortStep) {
                freshFailure.add(n);
            }
        }
        if (state == RowState.HELD) {
            held.add(n);
        }
    }

    static Duration soak(PlanItem item) {
        return item.rolloutStrategy().canary().map(Canary::soak).getOrElse(Duration.ZERO);
    }
}
