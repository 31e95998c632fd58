package dev.ibu.domain.fleet;

import io.vavr.collection.Map;

/**
 * Which spokes a step applies to, from what they did before (this IBGU's rows, or the labels an earlier IBGU set,
 * as TALM's {@code getLabelSelectorForPlanItem} and docs/ibgu/README.md say: Upgrade needs prep-completed, Rollback and
 * FinalizeUpgrade upgrade-completed, FinalizeRollback rollback-completed, AbortOnFailure a fresh failure, Abort no
 * upgrade-completed). Held spokes take part in nothing more: no step aborts them.
 */
final class Eligibility {
    private Eligibility() {
    }

    static boolean eligible(Action first, ClusterRow row, Map<String, String> labels) {
        if (row.held()) {
            return false;
        }
        boolean prepDone = done(Action.PREP, row, labels);
        boolean upgradeDone = done(Action.UPGRADE, row, labels);
        boolean anyFailure = !row.failedActions().isEmpty() || labels.containsKey(LabelChange.failed(Action.PREP))
                || labels.containsKey(LabelChange.failed(Action.UPGRADE));
        boolean freshFailure = row.step() >= 0 && row.state().failure() && !row.action().aborts();
        switch (first) {
            case PREP:
                return !prepDone && row.failedActions().isEmpty();
            case UPGRADE:
                return prepDone && !upgradeDone && !anyFailure;
            case FINALIZE_UPGRADE:
            case ROLLBACK:
                return upgradeDone && !anyFailure && !done(Action.ROLLBACK, row, labels);
            case FINALIZE_ROLLBACK:
                return done(Action.ROLLBACK, row, labels);
            case ABORT:
                return !upgradeDone && !row.completedActions().exists(Action::aborts);
            default:
                return freshFailure || (row.step() < 0 && anyFailure);
        }
    }

    static boolean done(Action a, ClusterRow row, Map<String, String> labels) {
        return row.completedActions().contains(a) || labels.containsKey(LabelChange.completed(a));
    }
}
