package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Drives the domain the way the engine will: a user request changes spec.stage, a stage outcome is applied with the
 * domain's setters (as the stage handler would), and every action is followed by one reconcile decision. The
 * decision function is a parameter so that the same properties can be fed a deliberately broken variant.
 */
final class Harness {
    private Harness() {
    }

    /** One reconcile's decision step; {@link TransitionStep#decide} or a mutant of it. */
    @FunctionalInterface
    interface Machine {
        TransitionStep decide(ImageBasedUpgrade ibu, boolean isAfterPivot, Instant now);
    }

    static final Machine DOMAIN = TransitionStep::decide;

    static final String PREP_ERR = "precache job failed to complete. job-name: lca-prep-precache, job-namespace: ns";
    static final String PRE_PIVOT_ERR = "Failed backup CRs: b1";
    static final String POST_PIVOT_ERR = "Failed restore CRs: r1";
    static final String AUTO_ROLLBACK = "Rollback due to LCA Init Monitor timeout, after 30m0s";
    static final String ROLLBACK_ERR = "failed to find the unbooted stateroot";
    static final String CLEANUP_ERR = Messages.cleanupFailed(java.util.List.of("failed to remove 1 stateroots"));
    static final String HEALTH_WAIT = Messages.WAIT_FINALIZE + "one or more health checks failed: \n  - node not ready";

    enum Action {
        REQUEST_IDLE, REQUEST_PREP, REQUEST_UPGRADE, REQUEST_ROLLBACK,
        PREP_COMPLETES, PREP_FAILS,
        PIVOT, UPGRADE_COMPLETES, UPGRADE_FAILS, AUTO_ROLLBACK,
        ROLLBACK_REBOOTS, ROLLBACK_COMPLETES, ROLLBACK_FAILS,
        ABORT_COMPLETES, ABORT_FAILS, FINALIZE_COMPLETES, FINALIZE_FAILS, FINALIZE_WAITS,
        MANUAL_CLEANUP_RETRY_SUCCEEDS, MANUAL_CLEANUP_RETRY_FAILS,
        /** The user edits seedImageRef.version (CEL allows it whenever the new spec.stage is Idle). */
        SEED_EDIT;

        static final List<Action> REQUESTS = List.of(REQUEST_IDLE, REQUEST_PREP, REQUEST_UPGRADE, REQUEST_ROLLBACK);

        Stage requestedStage() {
            return Stage.values()[ordinal()];
        }

        boolean isRequest() {
            return ordinal() <= REQUEST_ROLLBACK.ordinal();
        }
    }

    /** What the engine holds between reconciles: the CR, the host fact isAfterPivot, and the last decision. */
    record World(ImageBasedUpgrade ibu, boolean isAfterPivot, TransitionStep lastStep, long tick) {
        Conditions conditions() {
            return ibu.status().conditions();
        }

        Option<Stage> handler() {
            return lastStep.handlerToRun();
        }

        /** Spec stage, pivot and conditions without times and generations. */
        String key() {
            return ibu.spec().stage() + "|" + isAfterPivot + "|" + Fx.rows(conditions());
        }
    }

    static World start(Machine m) {
        ImageBasedUpgrade fresh = ImageBasedUpgrade.fresh();
        TransitionStep first = m.decide(fresh, false, Fx.T0);
        return new World(fresh.withStatus(first.statusAfter()), false, first, 0);
    }

    /** The stage outcomes the running handler can produce next (spec §4), plus the seed edit while spec is Idle. */
    static List<Action> outcomes(World w) {
        List<Action> out = List.empty();
        Option<Stage> h = w.handler();
        boolean ap = w.isAfterPivot();
        if (h.contains(Stage.PREP)) {
            out = List.of(Action.PREP_COMPLETES, Action.PREP_FAILS);
        } else if (h.contains(Stage.UPGRADE)) {
            out = ap ? List.of(Action.UPGRADE_COMPLETES, Action.UPGRADE_FAILS, Action.AUTO_ROLLBACK)
                    : List.of(Action.PIVOT, Action.UPGRADE_FAILS);
        } else if (h.contains(Stage.ROLLBACK)) {
            out = ap ? List.of(Action.ROLLBACK_REBOOTS, Action.ROLLBACK_COMPLETES, Action.ROLLBACK_FAILS)
                    : List.of(Action.ROLLBACK_COMPLETES, Action.ROLLBACK_FAILS);
        } else if (h.contains(Stage.IDLE)) {
            String reason = w.conditions().find("Idle").map(Condition::reason).getOrElse("");
            switch (reason) {
                case "Aborting":
                    out = List.of(Action.ABORT_COMPLETES, Action.ABORT_FAILS);
                    break;
                case "Finalizing":
                    out = List.of(Action.FINALIZE_COMPLETES, Action.FINALIZE_FAILS, Action.FINALIZE_WAITS);
                    break;
                default:
                    out = List.of(Action.MANUAL_CLEANUP_RETRY_SUCCEEDS, Action.MANUAL_CLEANUP_RETRY_FAILS);
            }
        }
        if (w.ibu().spec().stage() == Stage.IDLE && ap) {
            out = out.append(Action.SEED_EDIT);
        }
        return out;
    }

    static List<Action> enabled(World w) {
        return Action.REQUESTS.appendAll(outcomes(w));
    }

    /** Applies one action and runs one reconcile decision. */
    static World apply(World w, Action a, Machine m) {
        long tick = w.tick() + 1;
        Instant now = Fx.T0.plusSeconds(tick);
        ImageBasedUpgrade ibu = w.ibu();
        boolean ap = w.isAfterPivot();
        if (a.isRequest() && ibu.spec().stage() != a.requestedStage()) {
            ibu = ibu.withSpec(ibu.spec().withStage(a.requestedStage()))
                    .withMetadata(ibu.metadata().withGeneration(ibu.generation() + 1));
        }
        Stamp s = new Stamp(ibu.generation(), now);
        Conditions c = ibu.status().conditions();
        switch (a) {
            case PREP_COMPLETES -> c = Setters.prepCompleted(c, Messages.PREP_COMPLETED_OK, s);
            case PREP_FAILS -> c = Setters.prepFailed(c, PREP_ERR, s);
            case PIVOT -> ap = true;
            case UPGRADE_COMPLETES -> c = Setters.upgradeCompleted(c, s);
            case UPGRADE_FAILS -> c = Setters.upgradeFailed(c, ap ? POST_PIVOT_ERR : PRE_PIVOT_ERR, s);
            case AUTO_ROLLBACK -> {
                c = Setters.upgradeFailed(c, AUTO_ROLLBACK, s);
                ap = false;
            }
            case ROLLBACK_REBOOTS -> ap = false;
            case ROLLBACK_COMPLETES -> {
                c = Setters.rollbackCompleted(c, s);
                ap = false;
            }
            case ROLLBACK_FAILS -> c = Setters.rollbackFailed(c, ROLLBACK_ERR, s);
            case ABORT_COMPLETES, FINALIZE_COMPLETES, MANUAL_CLEANUP_RETRY_SUCCEEDS -> c = Setters.reset(c, s);
            case ABORT_FAILS -> c = Setters.idleInProgress(c, Reasons.ABORT_FAILED, CLEANUP_ERR, s);
            case FINALIZE_FAILS -> c = Setters.idleInProgress(c, Reasons.FINALIZE_FAILED, CLEANUP_ERR, s);
            case FINALIZE_WAITS -> c = Setters.idleInProgress(c, Reasons.FINALIZING, HEALTH_WAIT, s);
            case MANUAL_CLEANUP_RETRY_FAILS -> c = Setters.idleInProgress(c,
                    c.find("Idle").get().reason(), CLEANUP_ERR, s);
            case SEED_EDIT -> {
                ap = false;
                ibu = ibu.withMetadata(ibu.metadata().withGeneration(ibu.generation() + 1));
            }
            default -> {
            }
        }
        ImageBasedUpgrade before = ibu.withStatus(ibu.status().withConditions(c));
        TransitionStep step = m.decide(before, ap, now);
        return new World(before.withStatus(step.statusAfter()), ap, step, tick);
    }

    static boolean rollbackFailed(World w) {
        return w.conditions().find("RollbackCompleted").exists(x -> x.status() == ConditionStatus.FALSE);
    }

    static boolean idleCompleted(World w) {
        return w.conditions().find("Idle").exists(x -> x.status() == ConditionStatus.TRUE);
    }

    /**
     * Liveness: some sequence of actions leads back to {@code Idle=True} (a finished cycle). Breadth-first over
     * states without times; memoised per machine.
     */
    static final class Liveness {
        private final Machine machine;
        private final boolean withSeedEdits;
        private final Map<String, Boolean> memo = new HashMap<>();

        Liveness(Machine machine, boolean withSeedEdits) {
            this.machine = machine;
            this.withSeedEdits = withSeedEdits;
        }

        boolean canReachIdle(World start) {
            Boolean known = memo.get(start.key());
            if (known != null) {
                return known;
            }
            Set<String> seen = new HashSet<>();
            ArrayDeque<World> queue = new ArrayDeque<>();
            queue.add(start);
            seen.add(start.key());
            boolean found = false;
            while (!queue.isEmpty() && !found) {
                World w = queue.poll();
                if (idleCompleted(w) || Boolean.TRUE.equals(memo.get(w.key()))) {
                    found = true;
                    break;
                }
                for (Action a : enabled(w)) {
                    if (a == Action.SEED_EDIT && !withSeedEdits) {
                        continue;
                    }
                    World next = apply(w, a, machine);
                    if (seen.add(next.key())) {
                        queue.add(next);
                    }
                }
            }
            memo.put(start.key(), found);
            if (!found) {
                seen.forEach(k -> memo.put(k, false));
            }
            return found;
        }
    }
}
