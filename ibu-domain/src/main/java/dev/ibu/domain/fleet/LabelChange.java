package dev.ibu.domain.fleet;

import io.vavr.collection.List;

/**
 * A label to set ({@code set}) or remove on a ManagedCluster, e.g. {@code lcm.openshift.io/ibgu-prep-completed}.
 * As TALM does, a spoke that finishes Abort, AbortOnFailure, FinalizeUpgrade or FinalizeRollback loses the Prep,
 * Upgrade and Rollback labels.
 */
public record LabelChange(String cluster, String key, boolean set) {
    public static final String PREFIX = "lcm.openshift.io/ibgu-";

    public static String completed(Action a) {
        return PREFIX + a.labelName() + "-completed";
    }

    public static String failed(Action a) {
        return PREFIX + a.labelName() + "-failed";
    }

    static List<LabelChange> after(String cluster, Action done) {
        List<LabelChange> out = List.of(new LabelChange(cluster, completed(done), true));
        if (done.aborts() || done == Action.FINALIZE_UPGRADE || done == Action.FINALIZE_ROLLBACK) {
            for (Action a : List.of(Action.PREP, Action.UPGRADE, Action.ROLLBACK)) {
                out = out.append(new LabelChange(cluster, completed(a), false))
                        .append(new LabelChange(cluster, failed(a), false));
            }
        }
        return out;
    }
}
