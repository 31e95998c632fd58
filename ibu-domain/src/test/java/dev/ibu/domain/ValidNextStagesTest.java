package dev.ibu.domain;

import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.Fx.c;
import static dev.ibu.domain.Fx.cs;
import static dev.ibu.domain.Stage.IDLE;
import static dev.ibu.domain.Stage.PREP;
import static dev.ibu.domain.Stage.ROLLBACK;
import static dev.ibu.domain.Stage.UPGRADE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §3.3: the rules of validNextStages, first match wins, list order significant. */
class ValidNextStagesTest {

    private static List<Stage> valid(Conditions c, Stage spec, boolean ap) {
        return StageMachine.validNextStages(c, spec, ap);
    }

    private static List<Stage> valid(Conditions c, boolean ap) {
        return valid(c, IDLE, ap);
    }

    @ParameterizedTest(name = "Idle reason {0}")
    @ValueSource(strings = {"Aborting", "AbortFailed", "Finalizing", "FinalizeFailed"})
    void rule1_idle_in_progress_offers_nothing_even_over_prep_in_progress(String reason) {
        assertThat(valid(Fx.withIdle(Fx.PREP_IN_PROGRESS, reason, "x"), false)).isEmpty();
        assertThat(valid(Fx.withIdle(Fx.UPGRADE_COMPLETED, reason, "x"), true)).isEmpty();
    }

    @ParameterizedTest(name = "isAfterPivot={0}")
    @ValueSource(booleans = {false, true})
    void rule1_rollback_in_progress_or_failed_offers_nothing_even_though_upgrade_failed(boolean ap) {
        assertThat(valid(Fx.ROLLBACK_IN_PROGRESS, ap)).isEmpty();
        assertThat(valid(Fx.ROLLBACK_FAILED, ap)).isEmpty();
    }

    @Test
    void rule1_is_about_the_first_in_progress_stage_so_prep_in_progress_shadows_rollback_in_progress() {
        Conditions both = cs(Fx.IDLE_F, Fx.PREP_IP_T, Fx.RB_IP_T);
        assertThat(valid(both, false)).containsExactly(IDLE);
    }

    @Test
    void rule2_prep_in_progress_or_failed_offers_idle_whatever_the_pivot() {
        assertThat(valid(Fx.PREP_IN_PROGRESS, false)).containsExactly(IDLE);
        assertThat(valid(Fx.PREP_IN_PROGRESS, true)).containsExactly(IDLE);
        assertThat(valid(Fx.PREP_FAILED, true)).containsExactly(IDLE);
    }

    @Test
    void rule2_precedes_rule3() {
        Conditions prepFailedUpgradeRunning = cs(Fx.IDLE_F, Fx.PREP_C_F, Fx.PREP_IP_FAILED, Fx.UPG_IP_T);
        assertThat(valid(prepFailedUpgradeRunning, true)).containsExactly(IDLE);
    }

    @Test
    void rule3_upgrade_in_progress_or_failed_depends_on_the_pivot() {
        assertThat(valid(Fx.UPGRADE_IN_PROGRESS, false)).containsExactly(IDLE);
        assertThat(valid(Fx.UPGRADE_IN_PROGRESS, true)).containsExactly(ROLLBACK);
        assertThat(valid(Fx.UPGRADE_FAILED, false)).containsExactly(IDLE);
        assertThat(valid(Fx.UPGRADE_FAILED, true)).containsExactly(ROLLBACK);
    }

    @Test
    void rule3_precedes_rule4_because_rollback_requested_counts_as_upgrade_failed() {
        assertThat(valid(Fx.ROLLBACK_COMPLETED, false)).containsExactly(IDLE);
        assertThat(valid(Fx.ROLLBACK_COMPLETED, true)).containsExactly(ROLLBACK);
    }

    @Test
    void rule4_rollback_completed_offers_idle() {
        Conditions rollbackCompletedOnly = cs(Fx.IDLE_F, Fx.RB_IP_DONE, Fx.RB_C_T);
        assertThat(valid(rollbackCompletedOnly, true)).containsExactly(IDLE);
    }

    @Test
    void rule5_upgrade_completed_offers_idle_then_rollback_and_precedes_rule6() {
        assertThat(valid(Fx.UPGRADE_COMPLETED, true)).containsExactly(IDLE, ROLLBACK);
        assertThat(valid(Fx.UPGRADE_COMPLETED, false)).containsExactly(IDLE, ROLLBACK);
    }

    @Test
    void rule6_prep_completed_offers_idle_then_upgrade() {
        assertThat(valid(Fx.PREP_COMPLETED, false)).containsExactly(IDLE, UPGRADE);
    }

    @Test
    void rule7_idle_completed_offers_prep() {
        assertThat(valid(Fx.IDLE, false)).containsExactly(PREP);
        assertThat(valid(cs(Fx.IDLE_T, c("UpgradeInProgress", FALSE, "InvalidTransition", "x")), true))
                .containsExactly(PREP);
    }

    @Test
    void rule8_no_idle_condition_offers_idle() {
        assertThat(valid(Fx.FRESH, false)).containsExactly(IDLE);
        assertThat(valid(cs(c("PrepInProgress", FALSE, "InvalidTransition", "x")), true)).containsExactly(IDLE);
    }

    @ParameterizedTest(name = "spec.stage={0}")
    @EnumSource(Stage.class)
    void rule9_idle_blocked_offers_spec_stage_whatever_it_is(Stage spec) {
        assertThat(valid(Fx.BLOCKED, spec, false)).containsExactly(spec);
        assertThat(valid(Fx.BLOCKED, spec, true)).containsExactly(spec);
    }

    @Test
    void rule9_blocked_is_on_the_idle_condition_only() {
        Conditions prepBlocked = cs(Fx.IDLE_F, c("PrepInProgress", FALSE, "Blocked", "IPC is not idle"));
        assertThat(valid(prepBlocked, PREP, false)).isEmpty();
    }

    @Test
    void rule10_otherwise_nothing() {
        assertThat(valid(cs(Fx.IDLE_F), false)).isEmpty();
        assertThat(valid(cs(c("Idle", FALSE, "InvalidTransition", "x")), false)).isEmpty();
    }
}
