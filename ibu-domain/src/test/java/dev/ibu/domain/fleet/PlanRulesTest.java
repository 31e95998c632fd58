package dev.ibu.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class PlanRulesTest {
    static final RolloutStrategy S = RolloutStrategy.talm(10, Duration.ofMinutes(240));

    static List<PlanItem> plan(List<List<Action>> shape) {
        return shape.map(a -> new PlanItem(a, S));
    }

    @Test
    void talms_26_sequences_are_accepted() {
        assertThat(PlanRules.ALLOWED).hasSize(26).doesNotHaveDuplicates();
        for (List<List<Action>> shape : PlanRules.ALLOWED) {
            assertThat(PlanRules.validate(plan(shape))).as(shape.toString()).isEmpty();
        }
    }

    @Test
    void every_other_two_step_sequence_of_single_actions_is_refused_naming_the_field() {
        List<List<Action>> singles = List.of(Action.values()).map(List::of);
        int refused = 0;
        for (List<Action> a : singles) {
            for (List<Action> b : singles) {
                List<List<Action>> shape = List.of(a, b);
                if (!PlanRules.ALLOWED.contains(shape)) {
                    assertThat(PlanRules.validate(plan(shape))).singleElement().asString()
                            .startsWith("spec.plan: the action sequence").contains("[[Prep], [Upgrade]");
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(49 - 5);
    }

    @Test
    void size_limits_and_strategy_fields_are_named_with_the_fix() {
        List<PlanItem> seven = List.fill(7, () -> PlanItem.of(S, Action.PREP));
        assertThat(PlanRules.validate(seven)).anySatisfy(m -> assertThat(m).startsWith("spec.plan: 7 steps, at most 6"));
        PlanItem five = new PlanItem(List.of(Action.PREP, Action.UPGRADE, Action.FINALIZE_UPGRADE, Action.PREP,
                Action.UPGRADE), S);
        assertThat(PlanRules.validate(List.of(five)))
                .anySatisfy(m -> assertThat(m).startsWith("spec.plan[0].actions: 5 actions, at most 4"));
        PlanItem bad = PlanItem.of(new RolloutStrategy(0, Duration.ZERO, null,
                io.vavr.control.Option.some(Canary.first(0, Duration.ZERO)), null), Action.PREP);
        assertThat(PlanRules.validate(List.of(bad))).containsExactly(
                "spec.plan[0].rolloutStrategy.maxConcurrency: 0 must be at least 1; set how many spokes may run the"
                        + " step at once",
                "spec.plan[0].rolloutStrategy.timeout: must be a positive number of minutes; omit it for the"
                        + " default 240",
                "spec.plan[0].rolloutStrategy.canary.clusters: no canary spoke; give a count of at least 1 or a list"
                        + " of ManagedCluster names");
        assertThat(PlanRules.validate(List.empty())).singleElement().asString().startsWith("spec.plan: the plan is empty");
    }

    @Test
    void the_plan_is_append_only() {
        List<PlanItem> old = List.of(PlanItem.of(S, Action.PREP));
        List<PlanItem> appended = old.append(PlanItem.of(S, Action.UPGRADE));
        assertThat(PlanRules.validateUpdate(old, appended)).isEmpty();
        List<PlanItem> edited = List.of(PlanItem.of(S.withMaxConcurrency(5), Action.PREP),
                PlanItem.of(S, Action.UPGRADE));
        assertThat(PlanRules.validateUpdate(old, edited)).singleElement().asString()
                .startsWith("spec.plan: the plan is append only");
    }

    @Test
    void failure_budgets_parse_counts_and_percentages() {
        assertThat(FailureBudget.parse("f", "3").get().allowed(1000)).isEqualTo(3);
        assertThat(FailureBudget.parse("f", "10%").get().allowed(35)).isEqualTo(3);
        assertThat(FailureBudget.parse("f", "0%").get().allowed(35)).isZero();
        assertThat(FailureBudget.parse("spec.plan[0].rolloutStrategy.maxFailures", "ten").getLeft())
                .isEqualTo("spec.plan[0].rolloutStrategy.maxFailures: 'ten' is not a failure budget; write a count"
                        + " such as 3 or a percentage such as \"10%\"");
        assertThat(FailureBudget.parse("f", "101%").getLeft()).contains("more than 100%");
        assertThat(FailureBudget.parse("f", "-1").isLeft()).isTrue();
    }
}
