package dev.ibu.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.SpokeScript.Outcome;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The rollout behaviours one at a time: fail-fast, hold, canary and soak, budget and halt, timeouts, ordering. */
class RolloutTest {
    static final Instant T0 = SpokeScript.T0;
    static final RolloutStrategy TALM = RolloutStrategy.talm(2, Duration.ofMinutes(240));

    /** A hand-driven fleet: the conditions each spoke shows now. */
    static final class Fleet {
        final Map<String, Conditions> shows = new HashMap<>();
        ImageBasedGroupUpgrade ibgu;

        Fleet(List<PlanItem> plan, String... names) {
            for (String n : names) {
                shows.put(n, Conditions.EMPTY);
            }
            ibgu = new ImageBasedGroupUpgrade("ns", "g", null,
                    List.of(LabelSelector.labels(TreeMap.of("env", "lab"))), plan, null);
        }

        Decision at(int minute) {
            List<Spoke> spokes = List.ofAll(shows.keySet()).sorted()
                    .map(n -> new Spoke(n, TreeMap.of("env", "lab"), shows.get(n)));
            Decision d = Rollout.decide(ibgu, spokes, T0.plus(Duration.ofMinutes(minute)));
            ibgu = ibgu.withStatus(d.statusAfter());
            return d;
        }

        void report(String n, Action a, Outcome o) {
            shows.put(n, SpokeScript.conditions(a, o, true));
        }
    }

    @Test
    void starts_in_name_order_up_to_maxConcurrency() {
        Fleet f = new Fleet(List.of(PlanItem.of(TALM, Action.PREP)), "c", "a", "b");
        Decision d = f.at(0);
        assertThat(d.starts()).containsExactly(new Start("a", Action.PREP), new Start("b", Action.PREP));
        assertThat(d.summary()).isEqualTo(new Summary(3, 1, 2, 0, 0, 0, 0));
        assertThat(d.wakeAt()).contains(T0.plus(Duration.ofMinutes(240)));
    }

    @Test
    void a_failed_spoke_fails_at_once_and_frees_its_slot() {
        Fleet f = new Fleet(List.of(PlanItem.of(TALM, Action.PREP)), "a", "b", "c");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        Decision d = f.at(7);
        assertThat(d.failed()).containsExactly("a");
        assertThat(d.rows().get(0)).extracting(ClusterRow::state, ClusterRow::message, ClusterRow::since)
                .containsExactly(RowState.FAILED, "job failed to complete", T0.plus(Duration.ofMinutes(7)));
        assertThat(d.labels()).containsExactly(new LabelChange("a", "lcm.openshift.io/ibgu-prep-failed", true));
        assertThat(d.starts()).containsExactly(new Start("c", Action.PREP));
        assertThat(d.halted()).isEmpty();
    }

    @Test
    void a_multi_action_step_runs_the_next_action_in_the_same_slot() {
        Fleet f = new Fleet(List.of(PlanItem.of(RolloutStrategy.talm(1, Duration.ofMinutes(60)), Action.PREP,
                Action.UPGRADE)), "a", "b");
        f.at(0);
        f.report("a", Action.PREP, Outcome.DONE);
        Decision d = f.at(10);
        assertThat(d.starts()).containsExactly(new Start("a", Action.UPGRADE));
        assertThat(d.labels()).containsExactly(new LabelChange("a", "lcm.openshift.io/ibgu-prep-completed", true));
        assertThat(d.summary().inProgress()).isEqualTo(1);
        Decision late = f.at(60);
        assertThat(late.timedOut()).containsExactly("a");
        assertThat(late.rows().get(0).message()).startsWith("Upgrade timed out after 1h0m0s"
                + " (spec.plan[0].rolloutStrategy.timeout)");
        assertThat(late.starts()).containsExactly(new Start("b", Action.PREP));
    }

    @Test
    void hold_keeps_a_failed_spoke_out_of_every_later_abort() {
        RolloutStrategy hold = TALM.withOnFailure(OnFailure.HOLD);
        Fleet f = new Fleet(List.of(PlanItem.of(hold, Action.PREP), PlanItem.of(TALM, Action.ABORT_ON_FAILURE)),
                "a", "b");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        f.report("b", Action.PREP, Outcome.DONE);
        Decision d = f.at(5);
        assertThat(d.held()).containsExactly("a");
        assertThat(d.stepDone()).isTrue();
        Decision abort = f.at(5);
        assertThat(abort.step()).isEqualTo(1);
        assertThat(abort.starts()).isEmpty();
        assertThat(abort.summary().total()).as("a held spoke is not one of the abort step's spokes").isZero();
        assertThat(abort.rolloutDone()).isTrue();
    }

    @Test
    void without_hold_abortOnFailure_takes_the_failed_spoke_back() {
        Fleet f = new Fleet(List.of(PlanItem.of(TALM, Action.PREP), PlanItem.of(TALM, Action.ABORT_ON_FAILURE)),
                "a", "b");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        f.report("b", Action.PREP, Outcome.DONE);
        f.at(5);
        assertThat(f.at(5).starts()).containsExactly(new Start("a", Action.ABORT_ON_FAILURE));
        f.report("a", Action.ABORT_ON_FAILURE, Outcome.DONE);
        Decision aborted = f.at(8);
        assertThat(aborted.labels()).startsWith(
                new LabelChange("a", "lcm.openshift.io/ibgu-abortonfailure-completed", true),
                new LabelChange("a", "lcm.openshift.io/ibgu-prep-completed", false),
                new LabelChange("a", "lcm.openshift.io/ibgu-prep-failed", false));
        assertThat(aborted.rolloutDone()).isTrue();
    }

    @Test
    void the_canary_completes_and_soaks_before_any_other_spoke_starts() {
        RolloutStrategy s = RolloutStrategy.talm(10, Duration.ofMinutes(240))
                .withCanary(Canary.named(List.of("c"), Duration.ofMinutes(30)));
        Fleet f = new Fleet(List.of(PlanItem.of(s, Action.PREP)), "a", "b", "c");
        assertThat(f.at(0).starts()).containsExactly(new Start("c", Action.PREP));
        f.report("c", Action.PREP, Outcome.DONE);
        Decision soaking = f.at(20);
        assertThat(soaking.starts()).isEmpty();
        assertThat(soaking.wakeAt()).contains(T0.plus(Duration.ofMinutes(50)));
        assertThat(f.at(49).starts()).isEmpty();
        assertThat(f.at(50).starts()).containsExactly(new Start("a", Action.PREP), new Start("b", Action.PREP));
    }

    @Test
    void a_failed_canary_halts_whatever_the_budget() {
        RolloutStrategy s = RolloutStrategy.talm(10, Duration.ofMinutes(240))
                .withCanary(Canary.first(1, Duration.ZERO)).withMaxFailures(FailureBudget.percentage(50));
        Fleet f = new Fleet(List.of(PlanItem.of(s, Action.PREP)), "a", "b", "c");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        Decision d = f.at(3);
        assertThat(d.starts()).isEmpty();
        assertThat(d.halted()).contains("Rollout halted at plan[0] (Prep): canary a failed"
                + " (spec.plan[0].rolloutStrategy.canary); no other spoke was started. Fix the canary and append a"
                + " plan step to resume, or delete the ImageBasedGroupUpgrade");
    }

    @Test
    void the_budget_halts_the_rollout_lets_in_flight_spokes_finish_and_an_appended_step_resumes() {
        RolloutStrategy s = TALM.withMaxFailures(FailureBudget.count(0));
        Fleet f = new Fleet(List.of(PlanItem.of(s, Action.PREP)), "a", "b", "c");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        Decision halted = f.at(4);
        assertThat(halted.starts()).isEmpty();
        assertThat(halted.stepDone()).isFalse();
        assertThat(halted.halted()).contains("Rollout halted at plan[0] (Prep): 1 of 3 spokes failed, more than"
                + " spec.plan[0].rolloutStrategy.maxFailures 0 allows (0); no new spoke starts. Troubleshoot the"
                + " failed spokes, then append a plan step (e.g. AbortOnFailure) to resume");
        f.report("b", Action.PREP, Outcome.DONE);
        Decision drained = f.at(9);
        assertThat(drained.stepDone()).isTrue();
        assertThat(drained.summary()).isEqualTo(new Summary(3, 1, 0, 1, 1, 0, 0));
        assertThat(f.at(10).step()).isZero();
        f.ibgu = f.ibgu.withPlan(f.ibgu.plan().append(PlanItem.of(TALM, Action.ABORT_ON_FAILURE)));
        Decision resumed = f.at(11);
        assertThat(resumed.statusAfter().step()).isEqualTo(1);
        assertThat(f.at(11).starts()).containsExactly(new Start("a", Action.ABORT_ON_FAILURE));
    }

    @Test
    void a_percentage_budget_counts_the_steps_spokes() {
        RolloutStrategy s = RolloutStrategy.talm(10, Duration.ofMinutes(240))
                .withMaxFailures(FailureBudget.percentage(25));
        Fleet f = new Fleet(List.of(PlanItem.of(s, Action.PREP)), "a", "b", "c", "d", "e", "f", "g", "h");
        f.at(0);
        f.report("a", Action.PREP, Outcome.FAIL);
        f.report("b", Action.PREP, Outcome.FAIL);
        assertThat(f.at(1).halted()).isEmpty();
        f.report("c", Action.PREP, Outcome.FAIL);
        assertThat(f.at(2).halted().get()).contains("3 of 8 spokes failed");
    }

    @Test
    void spokes_outside_the_selectors_are_left_alone_and_nothing_runs_with_an_empty_plan() {
        Fleet f = new Fleet(List.of(PlanItem.of(TALM, Action.PREP)), "a");
        Decision d = Rollout.decide(f.ibgu, List.of(new Spoke("x", TreeMap.of("env", "prod"), null)), T0);
        assertThat(d.starts()).isEmpty();
        assertThat(d.stepDone()).isTrue();
        Decision none = Rollout.decide(f.ibgu.withPlan(List.empty()), List.empty(), T0);
        assertThat(none.rolloutDone()).isTrue();
        assertThat(none.wakeAt()).isEqualTo(Option.none());
    }
}
