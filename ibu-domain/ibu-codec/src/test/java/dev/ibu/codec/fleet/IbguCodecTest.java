package dev.ibu.codec.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.codec.CodecError;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Canary;
import dev.ibu.domain.fleet.FailureBudget;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.OnFailure;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.PlanRules;
import dev.ibu.domain.fleet.Rollout;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.domain.fleet.Spoke;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

class IbguCodecTest {

    static String resource(String name) {
        try (InputStream in = IbguCodecTest.class.getResourceAsStream("/fleet/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImageBasedGroupUpgrade read(String name) {
        Either<CodecError, ImageBasedGroupUpgrade> r = IbguCodec.fromYaml(resource(name));
        assertThat(r.isRight()).as("%s: %s", name, r.isLeft() ? r.getLeft() : "").isTrue();
        return r.get();
    }

    static void roundTrips(ImageBasedGroupUpgrade g) {
        assertThat(IbguCodec.fromYaml(IbguCodec.toYaml(g)).get()).isEqualTo(g);
        assertThat(IbguCodec.fromYaml(IbguCodec.toJson(g)).get()).isEqualTo(g);
    }

    @Test
    void talms_documented_example_is_read_unchanged_and_is_a_valid_plan() {
        ImageBasedGroupUpgrade g = read("talm-docs-ibgu.yaml");
        assertThat(g.name()).isEqualTo("<filename>");
        assertThat(g.namespace()).isEqualTo("default");
        assertThat(g.ibuSpec().seedImageRef().image()).isEqualTo("quay.io/seed/image:4.21.0");
        assertThat(g.ibuSpec().seedImageRef().pullSecretName()).contains("<seed_pull_secret>");
        assertThat(g.ibuSpec().oadpContent()).hasSize(1);
        assertThat(g.ibuSpec().extraManifests()).hasSize(1);
        assertThat(g.clusterLabelSelectors()).containsExactly(new LabelSelector(TreeMap.empty(), List.of(
                new LabelSelector.Requirement("name", LabelSelector.Operator.IN, List.of("spoke1", "spoke4", "spoke6")))));
        assertThat(g.plan()).containsExactly(PlanItem.of(RolloutStrategy.talm(200, Duration.ofMinutes(2400)),
                Action.PREP, Action.UPGRADE, Action.FINALIZE_UPGRADE));
        assertThat(PlanRules.validate(g.plan())).isEmpty();
        assertThat(g.selects(TreeMap.of("name", "spoke4"))).isTrue();
        assertThat(g.selects(TreeMap.of("name", "spoke2"))).isFalse();
        roundTrips(g);
        assertThat(IbguCodec.toYaml(g)).doesNotContain("stage").doesNotContain("status")
                .doesNotContain("maxFailures").doesNotContain("onFailure");
    }

    @Test
    void talms_readme_plan_with_abort_on_failure_steps_is_valid() {
        ImageBasedGroupUpgrade g = read("talm-readme-plan.yaml");
        assertThat(g.plan().map(PlanItem::actions)).containsExactly(List.of(Action.PREP),
                List.of(Action.ABORT_ON_FAILURE), List.of(Action.UPGRADE), List.of(Action.ABORT_ON_FAILURE),
                List.of(Action.FINALIZE_UPGRADE));
        assertThat(g.plan().get(0).rolloutStrategy().timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(PlanRules.validate(g.plan())).isEmpty();
        roundTrips(g);
    }

    @Test
    void ibus_budget_canary_and_hold_are_read_inside_rolloutStrategy() {
        ImageBasedGroupUpgrade g = read("ibu-extensions.yaml");
        RolloutStrategy prep = g.plan().get(0).rolloutStrategy();
        assertThat(prep.maxFailures()).contains(FailureBudget.percentage(10));
        assertThat(prep.canary()).contains(Canary.named(List.of("sno-0007", "sno-0042"), Duration.ofMinutes(30)));
        assertThat(prep.onFailure()).isEqualTo(OnFailure.HOLD);
        RolloutStrategy up = g.plan().get(1).rolloutStrategy();
        assertThat(up.maxFailures()).contains(FailureBudget.count(3));
        assertThat(up.canary()).contains(Canary.first(5, Duration.ofMinutes(90)));
        assertThat(up.timeout()).isEqualTo(RolloutStrategy.DEFAULT_TIMEOUT);
        assertThat(PlanRules.validate(g.plan())).isEmpty();
        roundTrips(g);
    }

    @Test
    void a_rollout_status_round_trips() {
        ImageBasedGroupUpgrade g = read("talm-readme-plan.yaml");
        List<Spoke> spokes = List.of("spoke1", "spoke4", "spoke6", "spoke9")
                .map(n -> new Spoke(n, TreeMap.of("name", n), null));
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        g = g.withStatus(Rollout.decide(g, spokes, t).statusAfter());
        g = g.withStatus(Rollout.decide(g, spokes, t.plus(Duration.ofMinutes(16))).statusAfter());
        assertThat(g.status().clusters()).hasSize(3);
        assertThat(g.status().clusters().values().map(r -> r.failedActions().size()).sum().intValue()).isEqualTo(3);
        roundTrips(g);
        assertThat(IbguCodec.toYaml(g)).contains("failedActions:", "action: Prep",
                "state: TimedOut", "Prep timed out after 15m0s (spec.plan[0].rolloutStrategy.timeout)");
    }

    @Test
    void what_the_domain_cannot_hold_is_refused_naming_the_field() {
        String old = "apiVersion: lcm.openshift.io/v1alpha1\nkind: ImageBasedGroupUpgrade\nmetadata: {name: g}\n"
                + "spec:\n  plan:\n  - actions: [Prep, Finalize]\n    rolloutStrategy: {maxConcurrency: 2}\n";
        assertThat(IbguCodec.fromYaml(old).getLeft().message()).isEqualTo("spec.plan[0].actions[1]: \"Finalize\" is"
                + " not an action; use Prep, Upgrade, Rollback, Abort, AbortOnFailure, FinalizeUpgrade or"
                + " FinalizeRollback");
        String budget = old.replace("[Prep, Finalize]", "[Prep]").replace("maxConcurrency: 2}",
                "maxConcurrency: 2, maxFailures: lots}");
        assertThat(IbguCodec.fromYaml(budget).getLeft().message()).startsWith(
                "spec.plan[0].rolloutStrategy.maxFailures: 'lots' is not a failure budget");
        String soak = old.replace("[Prep, Finalize]", "[Prep]").replace("maxConcurrency: 2}",
                "maxConcurrency: 2, canary: {clusters: 1, soak: soon}}");
        assertThat(IbguCodec.fromYaml(soak).getLeft().message()).isEqualTo(
                "spec.plan[0].rolloutStrategy.canary.soak: \"soon\" is not a duration; write e.g. 30m or 1h30m");
        String noMc = old.replace("[Prep, Finalize]", "[Prep]").replace("{maxConcurrency: 2}", "{timeout: 5}");
        assertThat(IbguCodec.fromYaml(noMc).getLeft().message()).startsWith(
                "spec.plan[0].rolloutStrategy.maxConcurrency: missing");
        assertThat(IbguCodec.fromYaml(old.replace("ImageBasedGroupUpgrade", "ClusterGroupUpgrade")).getLeft()
                .message()).startsWith("kind is \"ClusterGroupUpgrade\", expected ImageBasedGroupUpgrade");
        String op = resource("talm-docs-ibgu.yaml").replace("operator: In", "operator: Within");
        assertThat(IbguCodec.fromYaml(op).getLeft().message()).startsWith(
                "spec.clusterLabelSelectors[0].matchExpressions[0].operator: \"Within\" is not an operator");
        assertThat(IbguCodec.fromYaml("a: [b").getLeft().message()).startsWith("not valid YAML");
    }
}
