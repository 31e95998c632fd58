package dev.ibu.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.SpokeProgress.Kind;
import dev.ibu.domain.fleet.SpokeScript.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpokeProgressTest {

    @ParameterizedTest
    @EnumSource(Action.class)
    void every_action_reads_running_done_and_failed_from_the_conditions_the_lca_writes(Action a) {
        assertThat(SpokeProgress.of(a, SpokeScript.conditions(a, Outcome.DONE, false)).kind()).isEqualTo(Kind.RUNNING);
        assertThat(SpokeProgress.of(a, SpokeScript.conditions(a, Outcome.HANG, true)).kind()).isEqualTo(Kind.RUNNING);
        assertThat(SpokeProgress.of(a, SpokeScript.conditions(a, Outcome.DONE, true)).kind()).isEqualTo(Kind.DONE);
        assertThat(SpokeProgress.of(a, SpokeScript.conditions(a, Outcome.FAIL, true)).kind()).isEqualTo(Kind.FAILED);
        assertThat(SpokeProgress.of(a, Conditions.EMPTY).kind()).isEqualTo(Kind.RUNNING);
    }

    @Test
    void a_failed_prep_fails_at_once_with_the_spokes_own_message() {
        SpokeProgress.Result r = SpokeProgress.of(Action.PREP, SpokeScript.conditions(Action.PREP, Outcome.FAIL, true));
        assertThat(r).isEqualTo(new SpokeProgress.Result(Kind.FAILED, "job failed to complete"));
    }

    @Test
    void an_invalid_transition_fails_and_blocked_keeps_running() {
        Conditions invalid = Conditions.of(SpokeScript.c("UpgradeInProgress", ConditionStatus.FALSE,
                "InvalidTransition", "Previous stage not succeeded"));
        Conditions blocked = Conditions.of(SpokeScript.c("UpgradeInProgress", ConditionStatus.FALSE,
                "Blocked", "IPC is not idle"));
        assertThat(SpokeProgress.of(Action.UPGRADE, invalid))
                .isEqualTo(new SpokeProgress.Result(Kind.FAILED, "Previous stage not succeeded"));
        assertThat(SpokeProgress.of(Action.UPGRADE, blocked))
                .isEqualTo(new SpokeProgress.Result(Kind.RUNNING, "IPC is not idle"));
    }

    @Test
    void idle_waiting_for_the_upgrade_is_not_a_finished_finalize() {
        Conditions upgraded = SpokeScript.conditions(Action.UPGRADE, Outcome.DONE, true);
        assertThat(SpokeProgress.of(Action.FINALIZE_UPGRADE, upgraded).kind()).isEqualTo(Kind.RUNNING);
        assertThat(SpokeProgress.of(Action.ABORT, upgraded).kind()).isEqualTo(Kind.RUNNING);
    }
}
