package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ibu.domain.Harness.Action;
import dev.ibu.domain.Harness.Machine;
import dev.ibu.domain.Harness.World;
import dev.ibu.domain.Oracle.Kind;
import dev.ibu.domain.Oracle.Prediction;
import dev.ibu.domain.Oracle.S;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Model check: random sequences of user requests and stage outcomes run through the domain and through
 * {@link Oracle}, compared after every action (abstract state, requested, accepted/rejected and message, what an
 * accepted Idle turns into, validNextStages before and after, the handler that runs, the printer columns).
 */
class StageMachineModelPropertyTest {
    static final int RUNS = 1_500;
    static final long SEED = 0x1B0_5EEDL;

    /** Outcomes that move a cycle forward; offered twice so that runs get deep (bias, not a restriction). */
    static final List<Action> PROGRESS = List.of(Action.PREP_COMPLETES, Action.PIVOT, Action.UPGRADE_COMPLETES,
            Action.ROLLBACK_COMPLETES, Action.ABORT_COMPLETES, Action.FINALIZE_COMPLETES,
            Action.MANUAL_CLEANUP_RETRY_SUCCEEDS);

    /**
     * Each int picks one enabled action. Every request and every enabled outcome is always possible; requests the
     * oracle says are valid and forward outcomes are offered more than once, so that runs reach the rare stages.
     */
    static Gen<java.util.List<Integer>> choices() {
        return lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 80);
    }

    enum Reached { UPGRADE_ACCEPTED, ROLLBACK_ACCEPTED, FINALIZE, ABORT, RESET_AFTER_CYCLE, ROLLBACK_FAILED,
        AUTO_ROLLBACK, REJECTION, NO_OP, STICKY_ACCEPTED }

    /** Runs one generated sequence; returns what it reached; throws AssertionError on any disagreement. */
    static java.util.Set<Reached> run(java.util.List<Integer> picks, Machine machine) {
        java.util.Set<Reached> reached = java.util.EnumSet.noneOf(Reached.class);
        World w = Harness.start(machine);
        Oracle.State model = Oracle.State.FRESH;
        boolean ap = false;
        S spec = S.IDLE;
        StringBuilder trace = new StringBuilder("start");
        Prediction first = Oracle.reconcile(model, spec, ap);
        checkStep(w, first, trace, null, null);
        model = first.after();
        boolean pendingRejection = false;
        for (int pick : picks) {
            List<Action> options = Harness.enabled(w);
            for (S valid : Oracle.validNext(model, ap)) {
                Action request = Action.REQUESTS.get(valid.ordinal());
                options = valid == S.IDLE ? options.append(request) : options.appendAll(List.fill(3, request));
            }
            options = options.appendAll(Harness.outcomes(w).filter(PROGRESS::contains));
            Action a = options.get(pick % options.size());
            trace.append(" -> ").append(a);
            if (a.isRequest()) {
                spec = S.values()[a.ordinal()];
            } else {
                model = Oracle.outcome(model, a);
                ap = Oracle.pivotAfter(ap, a);
            }
            w = Harness.apply(w, a, machine);
            Prediction p = Oracle.reconcile(model, spec, ap);
            checkStep(w, p, trace, a, spec);
            record(reached, p, a, spec, pendingRejection);
            pendingRejection = p.kind() == Kind.REJECTED || (pendingRejection && p.kind() == Kind.NOT_REQUESTED);
            model = p.after();
        }
        return reached;
    }

    private static void record(java.util.Set<Reached> reached, Prediction p, Action a, S spec, boolean pending) {
        if (p.kind() == Kind.ACCEPTED_STAGE && spec == S.UPGRADE) {
            reached.add(Reached.UPGRADE_ACCEPTED);
        }
        if (p.kind() == Kind.ACCEPTED_STAGE && spec == S.ROLLBACK) {
            reached.add(Reached.ROLLBACK_ACCEPTED);
        }
        if (p.kind() == Kind.FINALIZE) {
            reached.add(Reached.FINALIZE);
        }
        if (p.kind() == Kind.ABORT) {
            reached.add(Reached.ABORT);
        }
        if (p.kind() == Kind.REJECTED) {
            reached.add(Reached.REJECTION);
        }
        if (p.kind() == Kind.NO_OP) {
            reached.add(Reached.NO_OP);
        }
        if (pending && !a.isRequest() && p.kind() != Kind.NOT_REQUESTED && p.kind() != Kind.REJECTED) {
            reached.add(Reached.STICKY_ACCEPTED);
        }
        if (a == Action.FINALIZE_COMPLETES || a == Action.ABORT_COMPLETES) {
            reached.add(Reached.RESET_AFTER_CYCLE);
        }
        if (a == Action.ROLLBACK_FAILS) {
            reached.add(Reached.ROLLBACK_FAILED);
        }
        if (a == Action.AUTO_ROLLBACK) {
            reached.add(Reached.AUTO_ROLLBACK);
        }
    }

    private static java.util.List<S> mapped(List<Stage> stages) {
        return stages.map(s -> S.values()[s.ordinal()]).asJava();
    }

    private static void checkStep(World w, Prediction p, StringBuilder trace, Action a, S spec) {
        TransitionStep step = w.lastStep();
        String at = trace.toString();
        assertThat(mapped(step.validNextStagesBefore())).as("validNextStages before, at %s", at)
                .isEqualTo(p.validBefore());
        assertThat(step.transitionRequested()).as("requested, at %s", at).isEqualTo(p.kind() != Kind.NOT_REQUESTED);
        if (p.kind() == Kind.REJECTED) {
            assertThat(step.transition().get()).as("rejected, at %s", at).isInstanceOf(Transition.Rejected.class);
            assertThat(((Transition.Rejected) step.transition().get()).message()).as("message, at %s", at)
                    .isEqualTo(p.message());
        } else if (p.kind() != Kind.NOT_REQUESTED) {
            assertThat(step.transition().get()).as("accepted, at %s", at).isInstanceOf(Transition.Accepted.class);
            Transition.IdleOutcome outcome = ((Transition.Accepted) step.transition().get()).idleOutcome();
            assertThat(outcome.name()).as("accepted as, at %s", at).isEqualTo(
                    p.kind() == Kind.ACCEPTED_STAGE ? "NOT_IDLE" : p.kind().name());
        }
        assertThat(Oracle.abstractionOf(w.conditions().asJava())).as("abstract state, at %s", at)
                .isEqualTo(p.after());
        assertThat(mapped(step.validNextStagesAfter())).as("validNextStages after, at %s", at)
                .isEqualTo(p.validAfter());
        assertThat(mapped(w.ibu().status().validNextStages())).as("persisted list, at %s", at)
                .isEqualTo(p.validAfter());
        assertThat(step.handlerToRun().map(s -> S.values()[s.ordinal()]).getOrNull()).as("handler, at %s", at)
                .isEqualTo(p.handler());
        String last = w.conditions().last().map(Fx::row).getOrNull();
        String expectedLast = Oracle.lastAfterAcceptance(p.kind(), spec);
        if (expectedLast == null && a != null && p.kind() == Kind.NOT_REQUESTED) {
            expectedLast = Oracle.lastAfterOutcome(a);
        }
        if (expectedLast != null) {
            assertThat(last).as("printer columns (last condition), at %s", at).isEqualTo(expectedLast);
        }
        assertThat(w.conditions().items().map(Condition::type).distinct().size()).as("unique types, at %s", at)
                .isEqualTo(w.conditions().items().size());
    }

    @Test
    void the_domain_agrees_with_the_oracle_on_every_step_and_runs_reach_upgrade_rollback_and_finalize() {
        Map<Reached, AtomicInteger> coverage = new EnumMap<>(Reached.class);
        for (Reached r : Reached.values()) {
            coverage.put(r, new AtomicInteger());
        }
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();

        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(choices()).checkAssert(picks -> {
            runs.incrementAndGet();
            steps.addAndGet(picks.size());
            run(picks, Harness.DOMAIN).forEach(r -> coverage.get(r).incrementAndGet());
        });

        System.out.printf("model check: %d runs, %d steps, runs reaching: %s%n", runs.get(), steps.get(), coverage);
        assertThat(runs.get()).isGreaterThanOrEqualTo(1_000);
        assertThat(coverage.get(Reached.UPGRADE_ACCEPTED).get()).as("runs reaching Upgrade").isGreaterThan(RUNS / 10);
        assertThat(coverage.get(Reached.ROLLBACK_ACCEPTED).get()).as("runs reaching Rollback").isGreaterThan(RUNS / 20);
        assertThat(coverage.get(Reached.FINALIZE).get()).as("runs reaching Finalize").isGreaterThan(RUNS / 20);
        for (Reached r : Reached.values()) {
            assertThat(coverage.get(r).get()).as("runs reaching %s", r).isPositive();
        }
    }

    /** Mutant: a machine that ignores isAfterPivot (always "before the pivot") must be caught by the same check. */
    @Test
    void the_model_check_catches_a_machine_that_ignores_the_pivot() {
        Machine ignoresPivot = (ibu, ap, now) -> TransitionStep.decide(ibu, false, now);
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(200)
                .forAll(choices()).checkAssert(picks -> run(picks, ignoresPivot)))
                .isInstanceOf(AssertionError.class);
    }

    /** Mutant: finalize instead of abort after an auto-rollback (spec §6 point 4) must be caught. */
    @Test
    void the_model_check_catches_finalize_after_an_auto_rollback() {
        Machine finalizesOnUpgradeFailed = (ibu, ap, now) -> {
            TransitionStep step = TransitionStep.decide(ibu, ap, now);
            boolean aborting = step.transition().exists(t -> t instanceof Transition.Accepted acc
                    && acc.idleOutcome() == Transition.IdleOutcome.ABORT);
            if (aborting && ibu.status().conditions().find("UpgradeCompleted").isDefined()) {
                Conditions c = Setters.idleInProgress(ibu.status().conditions(), "Finalizing", "Finalizing",
                        new Stamp(ibu.generation(), now));
                return new TransitionStep(step.validNextStagesBefore(), true,
                        io.vavr.control.Option.some(new Transition.Accepted(Stage.IDLE, c,
                                Transition.IdleOutcome.FINALIZE)),
                        step.handlerToRun(), step.statusAfter().withConditions(c));
            }
            return step;
        };
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(200)
                .forAll(choices()).checkAssert(picks -> run(picks, finalizesOnUpgradeFailed)))
                .isInstanceOf(AssertionError.class);
    }

    /** The oracle itself on the §3.5 rows it shares with the example tests (a check of the checker). */
    @Test
    void the_oracle_matches_spec_examples() {
        Prediction p = Oracle.reconcile(Oracle.abstractionOf(Fx.UPGRADE_AUTO_ROLLED_BACK.asJava()), S.IDLE, false);
        assertThat(p.kind()).isEqualTo(Kind.ABORT);
        Prediction q = Oracle.reconcile(Oracle.abstractionOf(Fx.UPGRADE_IN_PROGRESS.asJava()), S.IDLE, true);
        assertThat(q.kind()).isEqualTo(Kind.REJECTED);
        assertThat(q.message()).isEqualTo("Transition to Idle not allowed - Rollback first");
        assertThat(q.handler()).isEqualTo(S.UPGRADE);
        Prediction r = Oracle.reconcile(Oracle.abstractionOf(Fx.ROLLBACK_FAILED.asJava()), S.IDLE, false);
        assertThat(r.validAfter()).isEmpty();
        assertThat(r.handler()).isNull();
    }
}
