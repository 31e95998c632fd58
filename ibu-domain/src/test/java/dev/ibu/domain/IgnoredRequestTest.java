package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a spec.stage that goes back in the cycle (Prep after Upgrade completed) is "not requested" upstream and
 * changes nothing; we name it and the fix. Requests that upstream handles are never called ignored.
 */
class IgnoredRequestTest {

    @Test
    void prep_after_upgrade_completed_is_ignored_naming_the_valid_stages() {
        assertThat(IgnoredRequest.message(Fx.UPGRADE_COMPLETED, Stage.PREP, true)).containsExactly("spec.stage Prep "
                + "is ignored: Prep already ran in this upgrade cycle and Upgrade has started since; set spec.stage to "
                + "one of status.validNextStages: Idle, Rollback");
    }

    @Test
    void upgrade_while_a_rollback_runs_is_ignored_and_says_to_wait() {
        assertThat(IgnoredRequest.message(Fx.ROLLBACK_IN_PROGRESS, Stage.UPGRADE, true)).containsExactly("spec.stage "
                + "Upgrade is ignored: Upgrade already ran in this upgrade cycle and Rollback has started since; no "
                + "stage can be requested now; wait for Rollback to finish");
    }

    @Test
    void the_stage_that_just_ran_or_failed_and_requests_upstream_decides_are_not_ignored() {
        assertThat(IgnoredRequest.message(Fx.PREP_COMPLETED, Stage.PREP, false)).isEmpty();
        assertThat(IgnoredRequest.message(Fx.PREP_FAILED, Stage.PREP, false)).isEmpty();
        assertThat(IgnoredRequest.message(Fx.UPGRADE_COMPLETED, Stage.UPGRADE, true)).isEmpty();
        assertThat(IgnoredRequest.message(Fx.ROLLBACK_COMPLETED, Stage.ROLLBACK, false)).isEmpty();
        assertThat(IgnoredRequest.message(Fx.UPGRADE_COMPLETED, Stage.IDLE, true)).isEmpty();
        // requested (rejected or accepted by the stage machine): the transition speaks for itself
        assertThat(IgnoredRequest.message(Fx.PREP_IN_PROGRESS, Stage.UPGRADE, false)).isEmpty();
        assertThat(IgnoredRequest.message(Fx.IDLE, Stage.PREP, false)).isEmpty();
    }

    @Test
    void a_rejected_later_request_does_not_count_as_a_started_stage() {
        Conditions rejected = Setters.invalidTransition(Fx.PREP_COMPLETED, Stage.ROLLBACK,
                Messages.UPGRADE_NOT_STARTED, Fx.AT_T1);
        assertThat(IgnoredRequest.message(rejected, Stage.PREP, false)).isEqualTo(Option.none());
    }
}
