package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ibu.domain.Harness.Action;
import dev.ibu.domain.Harness.Machine;
import dev.ibu.domain.Harness.World;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Properties of requested/validate/validNextStages over arbitrary condition lists and over reachable states. */
class StageMachinePropertyTest {
    static final int RUNS = 1_200;
    static final long SEED = 0x5_7A6EL;
    static final Instant NOW = Fx.T1;

    /** An arbitrary condition list: each of the seven types at most once, random status and reason, random order. */
    static Gen<Conditions> conditions() {
        return lists().of(integers().between(0, 100_000)).ofSizeBetween(0, 9).map(xs -> {
            List<Condition> out = List.empty();
            for (int x : xs) {
                String type = ConditionsPropertyTest.TYPES.get(x % 7);
                int y = x / 7;
                ConditionStatus st = y % 9 == 0 ? ConditionStatus.UNKNOWN
                        : y % 2 == 0 ? ConditionStatus.TRUE : ConditionStatus.FALSE;
                List<String> reasons = List.of("Idle", "InProgress", "Completed", "Failed", "Aborting", "AbortFailed",
                        "Finalizing", "FinalizeFailed", "InvalidTransition", "Blocked");
                String reason = reasons.get((y / 9) % reasons.size());
                if (out.find(c -> c.type().equals(type)).isEmpty()) {
                    out = out.append(new Condition(type, st, reason, "m", 1, Fx.T0));
                }
            }
            return new Conditions(out);
        });
    }

    static Gen<Stage> stages() {
        return integers().between(0, 3).map(i -> Stage.values()[i]);
    }

    /** Spec §3.1 steps 5 to 7 with the "requested" rule of §3.2 as a parameter, for the canary. */
    static Machine withRequested(java.util.function.BiPredicate<Conditions, Stage> requested) {
        return (ibu, ap, now) -> {
            Stage spec = ibu.spec().stage();
            Conditions before = ibu.status().conditions();
            boolean isRequested = requested.test(before, spec);
            Option<Transition> t = isRequested
                    ? Option.some(StageMachine.validate(before, spec, ap, new Stamp(ibu.generation(), now)))
                    : Option.none();
            Conditions after = t.map(Transition::conditions).getOrElse(before);
            return new TransitionStep(StageMachine.validNextStages(before, spec, ap), isRequested, t,
                    ConditionPredicates.inProgressStage(after), ibu.status().withConditions(after)
                    .withValidNextStages(StageMachine.validNextStages(after, spec, ap)));
        };
    }

    static void failedIsNeverRequested(Conditions c, Stage spec, boolean ap, Machine m) {
        boolean failed = c.find(spec.completedType()).exists(x -> x.status() == ConditionStatus.FALSE);
        if (spec == Stage.IDLE || !failed) {
            return;
        }
        TransitionStep step = m.decide(Fx.ibu(spec, c), ap, NOW);
        assertThat(step.transitionRequested()).as("failed %s requested in %s", spec, Fx.rows(c)).isFalse();
        assertThat(step.transition().isEmpty()).isTrue();
        assertThat(step.statusAfter().conditions()).isEqualTo(c);
    }

    @Test
    void a_failed_stage_is_never_requested() {
        AtomicInteger failedCases = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger walks = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(conditions(), stages(), booleans().all())
                .checkAssert((c, spec, ap) -> {
                    runs.incrementAndGet();
                    if (c.find(spec.completedType()).exists(x -> x.status() == ConditionStatus.FALSE)) {
                        failedCases.incrementAndGet();
                    }
                    failedIsNeverRequested(c, spec, ap, Harness.DOMAIN);
                });
        // also every failed state the model check can reach
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(walks()).checkAssert(w -> {
            walks.incrementAndGet();
            for (World world : w) {
                for (Stage s : Stage.values()) {
                    failedIsNeverRequested(world.conditions(), s, world.isAfterPivot(), Harness.DOMAIN);
                }
            }
        });
        System.out.printf("failed never requested: %d condition lists (%d with a failed stage), %d walks%n",
                runs.get(), failedCases.get(), walks.get());
        assertThat(runs.get()).as("generated condition lists").isGreaterThanOrEqualTo(1_000);
        assertThat(walks.get()).as("generated walks").isGreaterThanOrEqualTo(1_000);
        assertThat(failedCases.get()).as("generated cases with a failed stage").isGreaterThan(RUNS / 10);
    }

    @Test
    void canary_a_requested_rule_that_forgets_failed_is_caught() {
        Machine forgetsFailed = withRequested((c, s) -> s == Stage.IDLE
                ? ConditionPredicates.transitionRequested(c, s)
                : !ConditionPredicates.completed(c, s) && !ConditionPredicates.inProgress(c, s));
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(conditions(), stages(), booleans().all())
                .checkAssert((c, spec, ap) -> failedIsNeverRequested(c, spec, ap, forgetsFailed)))
                .isInstanceOf(AssertionError.class);
    }

    static void acceptedIsNotOfferedAgain(Conditions c, Stage spec, boolean ap, Machine m, AtomicInteger accepted) {
        TransitionStep step = m.decide(Fx.ibu(spec, c), ap, NOW);
        Option<Transition.Accepted> acc = step.transition()
                .filter(t -> t instanceof Transition.Accepted).map(t -> (Transition.Accepted) t);
        // NO_OP is the documented exception (§6): nothing changes and Idle is re-accepted on every reconcile
        if (acc.isEmpty() || acc.get().idleOutcome() == Transition.IdleOutcome.NO_OP) {
            return;
        }
        accepted.incrementAndGet();
        assertThat(step.validNextStagesAfter()).as("after accepting %s in %s (ap=%s)", spec, Fx.rows(c), ap)
                .doesNotContain(spec);
    }

    @Test
    void after_an_accepted_request_valid_next_stages_never_offers_it_again() {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(conditions(), stages(), booleans().all())
                .checkAssert((c, spec, ap) -> {
                    runs.incrementAndGet();
                    acceptedIsNotOfferedAgain(c, spec, ap, Harness.DOMAIN, accepted);
                });
        AtomicInteger acceptedOnWalks = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(walks()).checkAssert(walk -> {
            for (World w : walk) {
                TransitionStep step = w.lastStep();
                boolean effective = step.transition().exists(t -> t instanceof Transition.Accepted acc
                        && acc.idleOutcome() != Transition.IdleOutcome.NO_OP);
                if (effective) {
                    acceptedOnWalks.incrementAndGet();
                    assertThat(step.validNextStagesAfter()).as("after accepting %s, now %s", w.ibu().spec().stage(),
                            Fx.rows(w.conditions())).doesNotContain(w.ibu().spec().stage());
                }
            }
        });
        System.out.printf("accepted never re-offered: %d arbitrary lists (%d accepted), walks with %d accepted%n",
                runs.get(), accepted.get(), acceptedOnWalks.get());
        assertThat(runs.get()).as("generated runs").isGreaterThanOrEqualTo(1_000);
        assertThat(accepted.get()).as("generated cases with an accepted request").isGreaterThan(RUNS / 20);
        assertThat(acceptedOnWalks.get()).as("accepted requests along walks").isGreaterThan(RUNS);
    }

    @Test
    void canary_an_accept_rule_that_does_not_start_prep_is_caught() {
        Machine prepNotStarted = (ibu, ap, now) -> {
            TransitionStep step = TransitionStep.decide(ibu, ap, now);
            if (!step.accepted() || ibu.spec().stage() != Stage.PREP) {
                return step;
            }
            Conditions c = Setters.clearInvalidTransitions(ibu.status().conditions(), new Stamp(1, now));
            return new TransitionStep(step.validNextStagesBefore(), true, step.transition(),
                    ConditionPredicates.inProgressStage(c), ibu.status().withConditions(c)
                    .withValidNextStages(StageMachine.validNextStages(c, Stage.PREP, ap)));
        };
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(conditions(), stages(), booleans().all())
                .checkAssert((c, spec, ap) -> acceptedIsNotOfferedAgain(c, spec, ap, prepNotStarted,
                        new AtomicInteger())))
                .isInstanceOf(AssertionError.class);
    }

    /** Random walks through the harness (requests, outcomes, seed edits), every world visited. */
    static Gen<java.util.List<World>> walks() {
        return walks(Harness.DOMAIN);
    }

    static Gen<java.util.List<World>> walks(Machine m) {
        return lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 50).map(picks -> {
            java.util.List<World> visited = new java.util.ArrayList<>();
            World w = Harness.start(m);
            visited.add(w);
            for (int pick : picks) {
                List<Action> options = Harness.enabled(w);
                options = options.appendAll(Harness.outcomes(w).filter(StageMachineModelPropertyTest.PROGRESS::contains));
                w = Harness.apply(w, options.get(pick % options.size()), m);
                visited.add(w);
            }
            return visited;
        });
    }

    static void onlyRollbackFailedIsADeadEnd(java.util.List<World> walk, Harness.Liveness liveness,
                                             AtomicInteger deadEnds) {
        for (World w : walk) {
            boolean live = liveness.canReachIdle(w);
            if (!live) {
                deadEnds.incrementAndGet();
            }
            assertThat(live).as("can get back to Idle from %s (ap=%s, spec=%s)", Fx.rows(w.conditions()),
                    w.isAfterPivot(), w.ibu().spec().stage()).isEqualTo(!Harness.rollbackFailed(w));
        }
    }

    @Test
    void from_every_reachable_state_the_only_dead_end_is_rollback_failed() {
        Harness.Liveness liveness = new Harness.Liveness(Harness.DOMAIN, true);
        AtomicInteger deadEnds = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(walks()).checkAssert(walk -> {
            runs.incrementAndGet();
            onlyRollbackFailedIsADeadEnd(walk, liveness, deadEnds);
        });
        System.out.printf("dead ends: %d walks, %d visits of a dead state%n", runs.get(), deadEnds.get());
        assertThat(runs.get()).as("generated walks").isGreaterThanOrEqualTo(1_000);
        assertThat(deadEnds.get()).as("visited Rollback failed states (coverage)").isPositive();
    }

    @Test
    void canary_a_machine_that_strands_prep_failed_is_caught() {
        Machine strandsPrepFailed = (ibu, ap, now) -> {
            TransitionStep step = TransitionStep.decide(ibu, ap, now);
            if (ConditionPredicates.failed(ibu.status().conditions(), Stage.PREP)) {
                return new TransitionStep(List.empty(), false, Option.none(), Option.none(),
                        ibu.status().withValidNextStages(List.empty()));
            }
            return step;
        };
        Harness.Liveness liveness = new Harness.Liveness(strandsPrepFailed, true);
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(50)
                .forAll(walks(strandsPrepFailed))
                .checkAssert(walk -> onlyRollbackFailedIsADeadEnd(walk, liveness, new AtomicInteger())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("can get back to Idle");
    }

    /** Level-triggered: a second reconcile with nothing new (same spec, same host) changes nothing but times. */
    static void repeatedPassIsStable(java.util.List<World> walk, Machine m) {
        for (World w : walk) {
            TransitionStep again = m.decide(w.ibu(), w.isAfterPivot(), Fx.T0.plusSeconds(w.tick() + 1));
            String at = Fx.rows(w.conditions()) + " spec=" + w.ibu().spec().stage() + " ap=" + w.isAfterPivot();
            assertThat(Fx.rows(again.statusAfter().conditions())).as("conditions after a repeated pass, %s", at)
                    .isEqualTo(Fx.rows(w.conditions()));
            assertThat(again.validNextStagesAfter()).as("validNextStages, %s", at)
                    .isEqualTo(w.ibu().status().validNextStages());
            assertThat(again.handlerToRun()).as("handler, %s", at).isEqualTo(w.handler());
        }
    }

    @Test
    void a_repeated_reconcile_reaches_the_same_result() {
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(walks()).checkAssert(walk -> {
            runs.incrementAndGet();
            repeatedPassIsStable(walk, Harness.DOMAIN);
        });
        assertThat(runs.get()).as("generated walks").isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void canary_a_requested_rule_that_forgets_idle_in_progress_is_caught() {
        Machine reRequestsIdle = withRequested((c, s) -> s == Stage.IDLE
                ? !ConditionPredicates.completed(c, Stage.IDLE)
                : ConditionPredicates.transitionRequested(c, s));
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(50)
                .forAll(walks(reRequestsIdle)).checkAssert(walk -> repeatedPassIsStable(walk, reRequestsIdle)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("after a repeated pass");
    }

    /**
     * Finding: after a finalize the node still boots the stateroot named after seedImageRef.version, so a new Prep
     * with the same version runs with isAfterPivot=true; if it fails, Idle is accepted as a no-op for ever. The only
     * way out is editing seedImageRef.version (CEL allows it together with stage Idle).
     */
    @Test
    void prep_failed_after_a_finalize_without_a_seed_edit_is_an_undocumented_dead_end() {
        World w = Harness.start(Harness.DOMAIN);
        for (Action a : List.of(Action.REQUEST_IDLE, Action.REQUEST_PREP, Action.PREP_COMPLETES,
                Action.REQUEST_UPGRADE, Action.PIVOT, Action.UPGRADE_COMPLETES, Action.REQUEST_IDLE,
                Action.FINALIZE_COMPLETES, Action.REQUEST_PREP, Action.PREP_FAILS, Action.REQUEST_IDLE)) {
            w = Harness.apply(w, a, Harness.DOMAIN);
        }
        assertThat(w.isAfterPivot()).isTrue();
        assertThat(w.lastStep().transition().get()).isInstanceOfSatisfying(Transition.Accepted.class,
                acc -> assertThat(acc.idleOutcome()).isEqualTo(Transition.IdleOutcome.NO_OP));
        assertThat(new Harness.Liveness(Harness.DOMAIN, false).canReachIdle(w)).isFalse();
        assertThat(new Harness.Liveness(Harness.DOMAIN, true).canReachIdle(w)).isTrue();
    }
}
