package dev.ibu.domain;

import java.util.List;
import java.util.Objects;

/**
 * An independent model of the stage machine, written from the spec's tables (§2.3, §3.2 to §3.5, §2.6) over an
 * abstract state: one small enum per stage instead of a condition list. It never calls the domain; the model check
 * compares the domain against it after every action through {@link #abstractionOf}, which only reads condition
 * fields.
 */
final class Oracle {
    enum S { IDLE, PREP, UPGRADE, ROLLBACK }

    /** The {@code Idle} condition: absent, True, False (InProgress/InvalidTransition), or one of the cleanup reasons. */
    enum IdleState { ABSENT, TRUE, FALSE, ABORTING, ABORT_FAILED, FINALIZING, FINALIZE_FAILED }

    /** A non-Idle stage: not started (or only an InvalidTransition), running, completed, failed. */
    enum Sub { NONE, RUNNING, DONE, FAILED }

    enum Kind { NOT_REQUESTED, ACCEPTED_STAGE, FINALIZE, ABORT, RESET, NO_OP, REJECTED }

    record State(IdleState idle, Sub prep, Sub upgrade, Sub rollback) {
        static final State FRESH = new State(IdleState.ABSENT, Sub.NONE, Sub.NONE, Sub.NONE);
        static final State IDLE = new State(IdleState.TRUE, Sub.NONE, Sub.NONE, Sub.NONE);

        Sub of(S s) {
            return s == S.PREP ? prep : s == S.UPGRADE ? upgrade : rollback;
        }

        State idle(IdleState i) {
            return new State(i, prep, upgrade, rollback);
        }

        State prep(Sub p) {
            return new State(idle, p, upgrade, rollback);
        }

        State upgrade(Sub u) {
            return new State(idle, prep, u, rollback);
        }

        State rollback(Sub r) {
            return new State(idle, prep, upgrade, r);
        }

        boolean idleInProgress() {
            return idle == IdleState.ABORTING || idle == IdleState.ABORT_FAILED
                    || idle == IdleState.FINALIZING || idle == IdleState.FINALIZE_FAILED;
        }

        /** §2.3 inProgressStage: the first of Idle, Prep, Upgrade, Rollback that runs. */
        S running() {
            if (idleInProgress()) {
                return S.IDLE;
            }
            if (prep == Sub.RUNNING) {
                return S.PREP;
            }
            if (upgrade == Sub.RUNNING) {
                return S.UPGRADE;
            }
            return rollback == Sub.RUNNING ? S.ROLLBACK : null;
        }
    }

    /** What one reconcile does, as the spec's tables say. */
    record Prediction(List<S> validBefore, Kind kind, String message, State after, List<S> validAfter, S handler) {
    }

    private Oracle() {
    }

    /** §3.3, first matching rule wins (rule 9, Blocked, is not reachable in the model: no IPConfig gate). */
    static List<S> validNext(State st, boolean ap) {
        S running = st.running();
        if (running == S.IDLE || running == S.ROLLBACK || st.rollback() == Sub.FAILED) {
            return List.of();
        }
        if (st.prep() == Sub.RUNNING || st.prep() == Sub.FAILED) {
            return List.of(S.IDLE);
        }
        if (st.upgrade() == Sub.RUNNING || st.upgrade() == Sub.FAILED) {
            return ap ? List.of(S.ROLLBACK) : List.of(S.IDLE);
        }
        if (st.rollback() == Sub.DONE) {
            return List.of(S.IDLE);
        }
        if (st.upgrade() == Sub.DONE) {
            return List.of(S.IDLE, S.ROLLBACK);
        }
        if (st.prep() == Sub.DONE) {
            return List.of(S.IDLE, S.UPGRADE);
        }
        if (st.idle() == IdleState.TRUE) {
            return List.of(S.PREP);
        }
        return st.idle() == IdleState.ABSENT ? List.of(S.IDLE) : List.of();
    }

    /** §3.2. */
    static boolean requested(State st, S spec) {
        if (spec == S.IDLE) {
            return st.idle() != IdleState.TRUE && !st.idleInProgress();
        }
        return st.of(spec) == Sub.NONE;
    }

    /** §2.6. */
    static String rejection(State st, S spec, boolean ap) {
        switch (spec) {
            case PREP:
            case UPGRADE:
                return "Previous stage not succeeded";
            case ROLLBACK:
                return "Upgrade not started or already finalized";
            default:
                if (st.rollback() == Sub.FAILED) {
                    return "Transition to Idle not allowed - Rollback failed";
                }
                if (ap) {
                    return st.rollback() == Sub.RUNNING ? "Transition to Idle not allowed - Rollback is in progress"
                            : "Transition to Idle not allowed - Rollback first";
                }
                return "Abort or finalize not allowed";
        }
    }

    /** One reconcile (§3.1 steps 5 and 6, and which handler runs in step 7). */
    static Prediction reconcile(State st, S spec, boolean ap) {
        List<S> before = validNext(st, ap);
        Kind kind;
        String message = null;
        State after = st;
        if (!requested(st, spec)) {
            kind = Kind.NOT_REQUESTED;
        } else if (!before.contains(spec)) {
            kind = Kind.REJECTED;
            message = rejection(st, spec, ap);
            if (spec == S.IDLE) {
                after = st.idle(IdleState.FALSE);
            }
        } else if (spec == S.PREP) {
            kind = Kind.ACCEPTED_STAGE;
            after = st.idle(IdleState.FALSE).prep(Sub.RUNNING);
        } else if (spec == S.UPGRADE) {
            kind = Kind.ACCEPTED_STAGE;
            after = st.upgrade(Sub.RUNNING);
        } else if (spec == S.ROLLBACK) {
            kind = Kind.ACCEPTED_STAGE;
            after = st.upgrade(Sub.FAILED).rollback(Sub.RUNNING);
        } else if (st.upgrade() == Sub.DONE || st.rollback() == Sub.DONE) {
            kind = Kind.FINALIZE;
            after = st.idle(IdleState.FINALIZING);
        } else if (st.idle() == IdleState.FALSE && !ap && st.rollback() == Sub.NONE) {
            kind = Kind.ABORT;
            after = st.idle(IdleState.ABORTING);
        } else if (st.idle() == IdleState.ABSENT) {
            kind = Kind.RESET;
            after = State.IDLE;
        } else {
            kind = Kind.NO_OP;
        }
        return new Prediction(before, kind, message, after, validNext(after, ap), after.running());
    }

    /** The abstract state of a concrete condition list: reads type, status and reason only. */
    static State abstractionOf(java.util.List<Condition> conditions) {
        IdleState idle = IdleState.ABSENT;
        for (Condition c : conditions) {
            if (c.type().equals("Idle")) {
                idle = c.status() == ConditionStatus.TRUE ? IdleState.TRUE : switch (c.reason()) {
                    case "Aborting" -> IdleState.ABORTING;
                    case "AbortFailed" -> IdleState.ABORT_FAILED;
                    case "Finalizing" -> IdleState.FINALIZING;
                    case "FinalizeFailed" -> IdleState.FINALIZE_FAILED;
                    default -> IdleState.FALSE;
                };
            }
        }
        return new State(idle, sub(conditions, "Prep"), sub(conditions, "Upgrade"), sub(conditions, "Rollback"));
    }

    private static Sub sub(java.util.List<Condition> conditions, String stage) {
        Condition completed = find(conditions, stage + "Completed");
        if (completed != null) {
            return completed.status() == ConditionStatus.TRUE ? Sub.DONE : Sub.FAILED;
        }
        Condition running = find(conditions, stage + "InProgress");
        return running != null && running.status() == ConditionStatus.TRUE ? Sub.RUNNING : Sub.NONE;
    }

    private static Condition find(java.util.List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> Objects.equals(c.type(), type)).findFirst().orElse(null);
    }

    /** The effect of a stage outcome on the abstract state (spec §4: what each handler result means). */
    static State outcome(State st, Harness.Action a) {
        switch (a) {
            case PREP_COMPLETES: return st.prep(Sub.DONE);
            case PREP_FAILS: return st.prep(Sub.FAILED);
            case UPGRADE_COMPLETES: return st.upgrade(Sub.DONE);
            case UPGRADE_FAILS:
            case AUTO_ROLLBACK: return st.upgrade(Sub.FAILED);
            case ROLLBACK_COMPLETES: return st.rollback(Sub.DONE);
            case ROLLBACK_FAILS: return st.rollback(Sub.FAILED);
            case ABORT_COMPLETES:
            case FINALIZE_COMPLETES:
            case MANUAL_CLEANUP_RETRY_SUCCEEDS: return State.IDLE;
            case ABORT_FAILS: return st.idle(IdleState.ABORT_FAILED);
            case FINALIZE_FAILS: return st.idle(IdleState.FINALIZE_FAILED);
            case FINALIZE_WAITS: return st.idle(IdleState.FINALIZING);
            default: return st;
        }
    }

    /** isAfterPivot after an outcome. */
    static boolean pivotAfter(boolean ap, Harness.Action a) {
        switch (a) {
            case PIVOT: return true;
            case AUTO_ROLLBACK:
            case ROLLBACK_REBOOTS:
            case ROLLBACK_COMPLETES:
            case SEED_EDIT: return false;
            default: return ap;
        }
    }

    /** What the printer columns (the last condition) show right after an outcome, per §2.5; null = not predicted. */
    static String lastAfterOutcome(Harness.Action a) {
        switch (a) {
            case PREP_COMPLETES: return "PrepCompleted True Completed \"Prep stage completed successfully\"";
            case PREP_FAILS: return "PrepInProgress False Failed \"" + Harness.PREP_ERR + "\"";
            case UPGRADE_COMPLETES: return "UpgradeCompleted True Completed \"Upgrade completed\"";
            case AUTO_ROLLBACK: return "UpgradeInProgress False Failed \"" + Harness.AUTO_ROLLBACK + "\"";
            case ROLLBACK_COMPLETES: return "RollbackCompleted True Completed \"Rollback completed\"";
            case ROLLBACK_FAILS: return "RollbackInProgress False Failed \"" + Harness.ROLLBACK_ERR + "\"";
            case ABORT_COMPLETES:
            case FINALIZE_COMPLETES:
            case MANUAL_CLEANUP_RETRY_SUCCEEDS: return "Idle True Idle \"Idle\"";
            case ABORT_FAILS: return "Idle False AbortFailed \"" + Harness.CLEANUP_ERR + "\"";
            case FINALIZE_FAILS: return "Idle False FinalizeFailed \"" + Harness.CLEANUP_ERR + "\"";
            default: return null;
        }
    }

    /** What the printer columns show right after an accepted request, per §3.4; null = not predicted. */
    static String lastAfterAcceptance(Kind kind, S spec) {
        switch (kind) {
            case FINALIZE: return "Idle False Finalizing \"Finalizing\"";
            case ABORT: return "Idle False Aborting \"Aborting\"";
            case RESET: return "Idle True Idle \"Idle\"";
            case ACCEPTED_STAGE:
                return spec == S.PREP ? "PrepInProgress True InProgress \"In progress\""
                        : spec == S.UPGRADE ? "UpgradeInProgress True InProgress \"In progress\""
                        : "RollbackInProgress True InProgress \"In progress\"";
            default: return null;
        }
    }
}
