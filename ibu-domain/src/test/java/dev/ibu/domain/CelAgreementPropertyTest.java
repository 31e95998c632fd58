package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ibu.domain.Harness.Action;
import dev.ibu.domain.Harness.Machine;
import dev.ibu.domain.Harness.World;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spec §1.4 rule 6 and §3.5: the admission rule only lets a user set spec.stage to a value of the persisted
 * validNextStages (or leave it unchanged), and "in practice the CEL rule prevents the rejected cells from being
 * reached" once the CR has a status and the list is fresh. Property: along walks whose requests obey that rule, the
 * controller never rejects.
 */
class CelAgreementPropertyTest {
    static final int RUNS = 1_200;
    static final long SEED = 0xCE1L;

    /** Requests drawn from the persisted list only; every enabled outcome stays possible. */
    static Gen<java.util.List<World>> celWalks(Machine m) {
        return lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 60).map(picks -> {
            java.util.List<World> visited = new java.util.ArrayList<>();
            World w = Harness.start(m);
            visited.add(w);
            for (int pick : picks) {
                List<Action> admitted = w.ibu().status().validNextStages().map(s -> Action.REQUESTS.get(s.ordinal()));
                List<Action> options = admitted.appendAll(admitted).appendAll(Harness.outcomes(w));
                if (options.isEmpty()) {
                    break;
                }
                w = Harness.apply(w, options.get(pick % options.size()), m);
                visited.add(w);
            }
            return visited;
        });
    }

    static void neverRejected(java.util.List<World> walk) {
        for (World w : walk) {
            assertThat(w.lastStep().transition().filter(t -> t instanceof Transition.Rejected).map(Transition::conditions)
                    .map(Fx::rows).getOrNull())
                    .as("a CEL-admitted request was rejected; spec=%s", w.ibu().spec().stage()).isNull();
        }
    }

    @Test
    void requests_admitted_by_the_cel_rule_are_never_rejected_by_the_controller() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(celWalks(Harness.DOMAIN)).checkAssert(walk -> {
            runs.incrementAndGet();
            walk.forEach(w -> accepted.addAndGet(w.lastStep().accepted() ? 1 : 0));
            neverRejected(walk);
        });
        System.out.printf("CEL agreement: %d walks, %d accepted requests%n", runs.get(), accepted.get());
        assertThat(runs.get()).as("generated walks").isGreaterThanOrEqualTo(1_000);
        assertThat(accepted.get()).as("accepted requests").isGreaterThan(RUNS);
    }

    @Test
    void canary_a_list_that_advertises_more_than_validate_accepts_is_caught() {
        Machine advertisesRollback = (ibu, ap, now) -> {
            TransitionStep step = TransitionStep.decide(ibu, ap, now);
            if (!step.validNextStagesAfter().equals(List.of(Stage.IDLE, Stage.UPGRADE))) {
                return step;
            }
            return new TransitionStep(step.validNextStagesBefore(), step.transitionRequested(), step.transition(),
                    step.handlerToRun(), step.statusAfter()
                    .withValidNextStages(List.of(Stage.IDLE, Stage.UPGRADE, Stage.ROLLBACK)));
        };
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(50)
                .forAll(celWalks(advertisesRollback)).checkAssert(CelAgreementPropertyTest::neverRejected))
                .isInstanceOf(AssertionError.class).hasMessageContaining("CEL-admitted request was rejected");
    }

    /** The exception the spec names: before the first reconcile the CR has no status and CEL admits anything. */
    @Test
    void a_cr_without_status_is_admitted_anything_and_the_controller_rejects_prep() {
        ImageBasedUpgrade created = ImageBasedUpgrade.fresh().withSpec(Spec.idle().withStage(Stage.PREP));
        TransitionStep step = TransitionStep.decide(created, false, Fx.T1);
        assertThat(step.transition().get()).isInstanceOf(Transition.Rejected.class);
    }
}
