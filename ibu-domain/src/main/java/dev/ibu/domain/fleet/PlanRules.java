package dev.ibu.domain.fleet;

import io.vavr.collection.List;

/**
 * The plan's admission rules, as TALM's CRD states them (MaxItems 6, at most 4 actions per item, one of 26 action
 * sequences, append-only) plus ibu's own fields. Every message names the field and the fix.
 */
public final class PlanRules {
    public static final int MAX_ITEMS = 6;
    public static final int MAX_ACTIONS = 4;

    private static final Action P = Action.PREP;
    private static final Action U = Action.UPGRADE;
    private static final Action R = Action.ROLLBACK;
    private static final Action A = Action.ABORT;
    private static final Action AOF = Action.ABORT_ON_FAILURE;
    private static final Action FU = Action.FINALIZE_UPGRADE;
    private static final Action FR = Action.FINALIZE_ROLLBACK;

    /** TALM's whitelist: the sequence of each plan item's action list must be one of these. */
    public static final List<List<List<Action>>> ALLOWED = List.of(
            seq(List.of(P)),
            seq(List.of(P), List.of(U)),
            seq(List.of(P, U)),
            seq(List.of(P), List.of(U), List.of(FU)),
            seq(List.of(P), List.of(U, FU)),
            seq(List.of(P, U), List.of(FU)),
            seq(List.of(P, U, FU)),
            seq(List.of(R)),
            seq(List.of(R), List.of(FR)),
            seq(List.of(R, FR)),
            seq(List.of(U)),
            seq(List.of(U), List.of(FU)),
            seq(List.of(U, FU)),
            seq(List.of(FU)),
            seq(List.of(FR)),
            seq(List.of(A)),
            seq(List.of(AOF)),
            seq(List.of(P), List.of(A)),
            seq(List.of(P), List.of(AOF)),
            seq(List.of(P), List.of(AOF), List.of(U)),
            seq(List.of(P), List.of(AOF), List.of(U), List.of(AOF)),
            seq(List.of(P), List.of(U), List.of(AOF)),
            seq(List.of(P, U), List.of(AOF)),
            seq(List.of(P), List.of(AOF), List.of(U), List.of(AOF), List.of(FU)),
            seq(List.of(P), List.of(U), List.of(AOF), List.of(FU)),
            seq(List.of(P, U), List.of(AOF), List.of(FU)));

    private PlanRules() {
    }

    @SafeVarargs
    private static List<List<Action>> seq(List<Action>... items) {
        return List.of(items);
    }

    /** Every problem of the plan, empty when it is admissible. */
    public static List<String> validate(List<PlanItem> plan) {
        List<String> errors = List.empty();
        if (plan.isEmpty()) {
            return List.of("spec.plan: the plan is empty; add a step such as {actions: [Prep],"
                    + " rolloutStrategy: {maxConcurrency: 10}}");
        }
        if (plan.size() > MAX_ITEMS) {
            errors = errors.append("spec.plan: " + plan.size() + " steps, at most " + MAX_ITEMS
                    + " are allowed; create a second ImageBasedGroupUpgrade for the rest");
        }
        for (int i = 0; i < plan.size(); i++) {
            errors = errors.appendAll(itemErrors(i, plan.get(i)));
        }
        List<List<Action>> shape = plan.map(PlanItem::actions);
        if (!shape.exists(List::isEmpty) && !ALLOWED.contains(shape)) {
            errors = errors.append("spec.plan: the action sequence " + render(shape) + " is not one of the "
                    + ALLOWED.size() + " allowed sequences; use e.g. [[Prep], [Upgrade], [FinalizeUpgrade]] or"
                    + " [[Prep], [AbortOnFailure], [Upgrade], [AbortOnFailure], [FinalizeUpgrade]]");
        }
        return errors;
    }

    /** The update rule: every old step must still be in the new plan ({@code oldSelf.all(e, e in self)}). */
    public static List<String> validateUpdate(List<PlanItem> oldPlan, List<PlanItem> newPlan) {
        List<String> errors = validate(newPlan);
        if (!oldPlan.forAll(newPlan::contains)) {
            errors = errors.prepend("spec.plan: the plan is append only; keep the existing " + oldPlan.size()
                    + " steps unchanged and add new steps after them");
        }
        return errors;
    }

    private static List<String> itemErrors(int i, PlanItem item) {
        String f = "spec.plan[" + i + "]";
        List<String> e = List.empty();
        if (item.actions().isEmpty()) {
            e = e.append(f + ".actions: no action; list one or more of Prep, Upgrade, Rollback, Abort,"
                    + " AbortOnFailure, FinalizeUpgrade, FinalizeRollback");
        }
        if (item.actions().size() > MAX_ACTIONS) {
            e = e.append(f + ".actions: " + item.actions().size() + " actions, at most " + MAX_ACTIONS
                    + " are allowed; split the step in two");
        }
        RolloutStrategy s = item.rolloutStrategy();
        String rs = f + ".rolloutStrategy";
        if (s.maxConcurrency() < 1) {
            e = e.append(rs + ".maxConcurrency: " + s.maxConcurrency() + " must be at least 1; set how many"
                    + " spokes may run the step at once");
        }
        if (s.timeout().isNegative() || s.timeout().isZero()) {
            e = e.append(rs + ".timeout: must be a positive number of minutes; omit it for the default 240");
        }
        if (s.canary().isDefined()) {
            Canary c = s.canary().get();
            if (c.names().isEmpty() && c.count() < 1) {
                e = e.append(rs + ".canary.clusters: no canary spoke; give a count of at least 1 or a list"
                        + " of ManagedCluster names");
            }
            if (c.names().distinct().size() != c.names().size()) {
                e = e.append(rs + ".canary.clusters: a name is listed twice; list each spoke once");
            }
        }
        return e;
    }

    static String render(List<List<Action>> shape) {
        return shape.map(a -> a.mkString("[", ", ", "]")).mkString("[", ", ", "]");
    }
}
