package dev.ibu.domain;

import static dev.ibu.domain.ConditionPredicates.completed;
import static dev.ibu.domain.ConditionPredicates.completedOrFailed;
import static dev.ibu.domain.ConditionPredicates.failed;
import static dev.ibu.domain.ConditionPredicates.inProgress;
import static dev.ibu.domain.ConditionPredicates.inProgressStage;
import static dev.ibu.domain.ConditionPredicates.transitionRequested;
import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.ConditionStatus.UNKNOWN;
import static dev.ibu.domain.Fx.c;
import static dev.ibu.domain.Fx.cs;
import static dev.ibu.domain.Stage.IDLE;
import static dev.ibu.domain.Stage.PREP;
import static dev.ibu.domain.Stage.ROLLBACK;
import static dev.ibu.domain.Stage.UPGRADE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §2.1, §2.3 and §3.2. */
class ConditionPredicatesTest {

    @Test
    void stages_map_to_their_condition_types_and_wire_names() {
        assertThat(Stage.PREP.inProgressType()).isEqualTo("PrepInProgress");
        assertThat(Stage.PREP.completedType()).isEqualTo("PrepCompleted");
        assertThat(Stage.UPGRADE.inProgressType()).isEqualTo("UpgradeInProgress");
        assertThat(Stage.UPGRADE.completedType()).isEqualTo("UpgradeCompleted");
        assertThat(Stage.ROLLBACK.inProgressType()).isEqualTo("RollbackInProgress");
        assertThat(Stage.ROLLBACK.completedType()).isEqualTo("RollbackCompleted");
        assertThat(Stage.IDLE.inProgressType()).isEqualTo("Idle");
        assertThat(Stage.IDLE.completedType()).isEqualTo("Idle");
        assertThat(Stage.parse("Upgrade").get()).isEqualTo(UPGRADE);
        assertThat(Stage.parse("upgrade").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Aborting", "AbortFailed", "Finalizing", "FinalizeFailed"})
    void idle_is_in_progress_only_with_the_four_cleanup_reasons(String reason) {
        assertThat(inProgress(cs(c("Idle", FALSE, reason, "x")), IDLE)).isTrue();
        assertThat(inProgress(cs(c("Idle", UNKNOWN, reason, "x")), IDLE)).isTrue();
        assertThat(inProgressStage(cs(Fx.PREP_IP_T, c("Idle", FALSE, reason, "x"))).get()).isEqualTo(IDLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InProgress", "InvalidTransition", "Blocked", "Idle"})
    void idle_false_with_other_reasons_is_not_idle_in_progress(String reason) {
        assertThat(inProgress(cs(c("Idle", FALSE, reason, "x")), IDLE)).isFalse();
    }

    @Test
    void idle_true_is_completed_not_in_progress() {
        assertThat(completed(Fx.IDLE, IDLE)).isTrue();
        assertThat(inProgress(Fx.IDLE, IDLE)).isFalse();
        assertThat(completed(Fx.FRESH, IDLE)).isFalse();
    }

    @Test
    void completed_failed_and_completed_or_failed_read_the_completed_condition() {
        assertThat(completed(Fx.PREP_COMPLETED, PREP)).isTrue();
        assertThat(failed(Fx.PREP_COMPLETED, PREP)).isFalse();
        assertThat(failed(Fx.PREP_FAILED, PREP)).isTrue();
        assertThat(completedOrFailed(Fx.PREP_FAILED, PREP)).isTrue();
        assertThat(completedOrFailed(Fx.PREP_IN_PROGRESS, PREP)).isFalse();
        assertThat(failed(Fx.ROLLBACK_IN_PROGRESS, UPGRADE)).as("rollback requested = upgrade failed").isTrue();
        Conditions unknown = cs(c("UpgradeCompleted", UNKNOWN, "X", "x"));
        assertThat(completedOrFailed(unknown, UPGRADE)).isTrue();
        assertThat(completed(unknown, UPGRADE)).isFalse();
        assertThat(failed(unknown, UPGRADE)).isFalse();
    }

    @Test
    void in_progress_stage_is_the_first_of_idle_prep_upgrade_rollback() {
        assertThat(inProgressStage(Fx.UPGRADE_IN_PROGRESS).get()).isEqualTo(UPGRADE);
        assertThat(inProgressStage(Fx.ROLLBACK_IN_PROGRESS).get()).isEqualTo(ROLLBACK);
        assertThat(inProgressStage(cs(Fx.RB_IP_T, Fx.PREP_IP_T)).get()).isEqualTo(PREP);
        assertThat(inProgressStage(Fx.UPGRADE_COMPLETED).isEmpty()).isTrue();
    }

    @Test
    void idle_is_requested_unless_completed_or_in_progress() {
        assertThat(transitionRequested(Fx.FRESH, IDLE)).isTrue();
        assertThat(transitionRequested(Fx.PREP_IN_PROGRESS, IDLE)).isTrue();
        assertThat(transitionRequested(cs(c("Idle", FALSE, "InvalidTransition", "x")), IDLE)).isTrue();
        assertThat(transitionRequested(Fx.IDLE, IDLE)).isFalse();
        assertThat(transitionRequested(Fx.withIdle(Fx.PREP_FAILED, "AbortFailed", "x"), IDLE)).isFalse();
    }

    @Test
    void a_failed_or_completed_or_running_stage_is_never_requested() {
        assertThat(transitionRequested(Fx.PREP_FAILED, PREP)).isFalse();
        assertThat(transitionRequested(Fx.PREP_COMPLETED, PREP)).isFalse();
        assertThat(transitionRequested(Fx.PREP_IN_PROGRESS, PREP)).isFalse();
        assertThat(transitionRequested(Fx.UPGRADE_FAILED, UPGRADE)).isFalse();
        assertThat(transitionRequested(Fx.ROLLBACK_FAILED, ROLLBACK)).isFalse();
        assertThat(transitionRequested(Fx.PREP_COMPLETED, UPGRADE)).isTrue();
        assertThat(transitionRequested(cs(Fx.IDLE_T, c("UpgradeInProgress", FALSE, "InvalidTransition", "x")),
                UPGRADE)).as("a rejected request stays requested").isTrue();
    }
}
