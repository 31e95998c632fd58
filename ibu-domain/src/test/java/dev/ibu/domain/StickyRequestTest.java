package dev.ibu.domain;

import static dev.ibu.domain.Fx.r;
import static dev.ibu.domain.Fx.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Transition.IdleOutcome;
import org.junit.jupiter.api.Test;

/** Spec §3.6: a rejected spec.stage is re-evaluated on every reconcile and acted on as soon as it becomes valid. */
class StickyRequestTest {

    private static TransitionStep reconcile(Stage spec, Conditions c, boolean ap) {
        return TransitionStep.decide(Fx.ibu(spec, c), ap, Fx.T1);
    }

    @Test
    void idle_rejected_during_post_pivot_upgrade_finalizes_once_the_upgrade_completes() {
        TransitionStep first = reconcile(Stage.IDLE, Fx.UPGRADE_IN_PROGRESS, true);
        assertThat(first.transition().get()).isInstanceOf(Transition.Rejected.class);
        assertThat(first.handlerToRun().get()).isEqualTo(Stage.UPGRADE);

        TransitionStep again = reconcile(Stage.IDLE, first.statusAfter().conditions(), true);
        assertThat(again.transitionRequested()).as("still requested on the next reconcile").isTrue();
        assertThat(again.transition().get()).isInstanceOf(Transition.Rejected.class);
        assertThat(rows(again.statusAfter().conditions()))
                .as("the InvalidTransition stays").isEqualTo(rows(first.statusAfter().conditions()));

        Conditions completed = Setters.upgradeCompleted(again.statusAfter().conditions(), Fx.AT_T1);
        TransitionStep accepted = reconcile(Stage.IDLE, completed, true);

        assertThat(accepted.transition().get()).isInstanceOfSatisfying(Transition.Accepted.class,
                a -> assertThat(a.idleOutcome()).isEqualTo(IdleOutcome.FINALIZE));
        assertThat(rows(accepted.statusAfter().conditions())).containsExactly(
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", Fx.PREP_OK),
                r("UpgradeInProgress", "False", "Completed", "Upgrade completed"),
                r("UpgradeCompleted", "True", "Completed", "Upgrade completed"),
                r("Idle", "False", "Finalizing", "Finalizing"));
        assertThat(accepted.handlerToRun().get()).isEqualTo(Stage.IDLE);
    }

    @Test
    void upgrade_rejected_during_prep_starts_as_soon_as_prep_completes() {
        TransitionStep rejected = reconcile(Stage.UPGRADE, Fx.PREP_IN_PROGRESS, false);
        assertThat(rejected.transition().get()).isInstanceOf(Transition.Rejected.class);
        assertThat(rejected.handlerToRun().get()).isEqualTo(Stage.PREP);

        Conditions prepDone = Setters.prepCompleted(rejected.statusAfter().conditions(),
                "Prep stage completed successfully", Fx.AT_T1);
        TransitionStep accepted = reconcile(Stage.UPGRADE, prepDone, false);

        assertThat(accepted.accepted()).isTrue();
        assertThat(rows(accepted.statusAfter().conditions())).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", Fx.PREP_OK),
                r("UpgradeInProgress", "True", "InProgress", "In progress"));
        assertThat(accepted.handlerToRun().get()).isEqualTo(Stage.UPGRADE);
    }

    @Test
    void the_invalid_transition_condition_stays_until_a_reset() {
        TransitionStep rejected = reconcile(Stage.ROLLBACK, Fx.PREP_FAILED, false);
        Conditions stale = rejected.statusAfter().conditions();
        assertThat(stale.find("RollbackInProgress").get().reason()).isEqualTo("InvalidTransition");

        TransitionStep abort = reconcile(Stage.IDLE, stale, false);
        assertThat(abort.statusAfter().conditions().find("RollbackInProgress").isEmpty())
                .as("cleared by the accepted transition").isTrue();
        assertThat(rows(Setters.reset(stale, Fx.AT_T1))).containsExactly(r("Idle", "True", "Idle", "Idle"));
    }
}
