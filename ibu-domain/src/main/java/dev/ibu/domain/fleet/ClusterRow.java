package dev.ibu.domain.fleet;

import io.vavr.collection.List;

import java.time.Instant;

/**
 * {@code status.clusters[]}: TALM's completed/failed actions plus ibu's per-cluster view: the step and action the
 * spoke last took part in, its state, since when, when it started the step, the spoke's condition message, and
 * whether it is held for troubleshooting (then no later step aborts it).
 */
public record ClusterRow(
        String name,
        int step,
        Action action,
        RowState state,
        Instant since,
        Instant startedAt,
        String message,
        List<Action> completedActions,
        List<FailedAction> failedActions,
        boolean held) {

    public ClusterRow {
        message = message == null ? "" : message;
        completedActions = completedActions == null ? List.empty() : completedActions;
        failedActions = failedActions == null ? List.empty() : failedActions;
    }

    ClusterRow start(int newStep, Action a, Instant now) {
        return new ClusterRow(name, newStep, a, RowState.IN_PROGRESS, now, now, "", completedActions,
                failedActions, held);
    }

    ClusterRow next(Action a, Instant now, String msg) {
        return new ClusterRow(name, step, a, RowState.IN_PROGRESS, now, startedAt, msg,
                completedActions.append(action), failedActions, held);
    }

    ClusterRow completed(Instant now, String msg) {
        return new ClusterRow(name, step, action, RowState.COMPLETED, now, startedAt, msg,
                completedActions.append(action), failedActions, held);
    }

    ClusterRow failed(RowState s, boolean hold, Instant now, String msg) {
        return new ClusterRow(name, step, action, s, now, startedAt, msg, completedActions,
                failedActions.append(new FailedAction(action, msg)), held || hold);
    }

    ClusterRow progress(String msg) {
        return new ClusterRow(name, step, action, state, since, startedAt, msg, completedActions, failedActions,
                held);
    }

    static ClusterRow fresh(String name) {
        return new ClusterRow(name, -1, Action.PREP, RowState.COMPLETED, Instant.EPOCH, Instant.EPOCH, "",
                List.empty(), List.empty(), false);
    }
}
