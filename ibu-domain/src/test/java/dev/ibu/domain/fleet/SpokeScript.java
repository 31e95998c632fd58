package dev.ibu.domain.fleet;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;

import java.time.Instant;

/**
 * What one simulated spoke does when asked for an action: after {@code minutes} it reports done or failed, or it
 * hangs. The conditions are written as the LCA writes them (stage-machine.md §2.5), independently of the table in
 * {@link SpokeProgress}.
 */
record SpokeScript(Outcome outcome, int minutes) {
    enum Outcome { DONE, FAIL, HANG }

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Conditions conditions(Action a, Outcome o, boolean finished) {
        boolean idleAction = a.aborts() || a == Action.FINALIZE_UPGRADE || a == Action.FINALIZE_ROLLBACK;
        if (idleAction) {
            String running = a.aborts() ? "Aborting" : "Finalizing";
            String failed = a.aborts() ? "AbortFailed" : "FinalizeFailed";
            if (!finished || o == Outcome.HANG) {
                return Conditions.of(c("Idle", ConditionStatus.FALSE, running, running));
            }
            return o == Outcome.DONE ? Conditions.of(c("Idle", ConditionStatus.TRUE, "Idle", "Idle"))
                    : Conditions.of(c("Idle", ConditionStatus.FALSE, failed, "cleanup failed; perform cleanup manually"));
        }
        String stage = a == Action.PREP ? "Prep" : a == Action.UPGRADE ? "Upgrade" : "Rollback";
        Condition idle = c("Idle", ConditionStatus.FALSE, "InProgress", "In progress");
        Condition stale = c("PrepCompleted", ConditionStatus.TRUE, "Completed", "Prep stage completed successfully");
        Condition inProgress = c(stage + "InProgress", ConditionStatus.TRUE, "InProgress", "In progress");
        if (!finished || o == Outcome.HANG) {
            return a == Action.PREP ? Conditions.of(idle, inProgress) : Conditions.of(idle, stale, inProgress);
        }
        if (o == Outcome.DONE) {
            return Conditions.of(idle, c(stage + "InProgress", ConditionStatus.FALSE, "Completed", stage + " completed"),
                    c(stage + "Completed", ConditionStatus.TRUE, "Completed", stage + " stage completed successfully"));
        }
        return Conditions.of(idle, c(stage + "Completed", ConditionStatus.FALSE, "Failed", stage + " failed"),
                c(stage + "InProgress", ConditionStatus.FALSE, "Failed", "job failed to complete"));
    }

    static Condition c(String type, ConditionStatus s, String reason, String message) {
        return new Condition(type, s, reason, message, 1, T0);
    }
}
