package dev.ibu.domain;

import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.ConditionStatus.TRUE;
import static dev.ibu.domain.Fx.T0;
import static dev.ibu.domain.Fx.T1;
import static dev.ibu.domain.Fx.c;
import static dev.ibu.domain.Fx.cs;
import static dev.ibu.domain.Fx.r;
import static dev.ibu.domain.Fx.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec §2.4: the condition primitive and its ordering rule. */
class ConditionsTest {

    private static Condition find(Conditions c, String type) {
        return c.find(type).get();
    }

    @Test
    void absent_type_is_appended_with_now_and_the_generation() {
        Conditions after = cs(Fx.IDLE_F).set("PrepInProgress", TRUE, "InProgress", "In progress", 7, T1);

        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "True", "InProgress", "In progress"));
        assertThat(find(after, "PrepInProgress").lastTransitionTime()).isEqualTo(T1);
        assertThat(find(after, "PrepInProgress").observedGeneration()).isEqualTo(7);
    }

    @Test
    void status_flip_of_a_non_last_condition_moves_it_to_the_end_with_a_new_transition_time() {
        Conditions before = cs(Fx.IDLE_F, Fx.PREP_IP_T, Fx.PREP_C_F);

        Conditions after = before.set("PrepInProgress", FALSE, "Failed", "boom", 2, T1);

        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepCompleted", "False", "Failed", "Prep failed"),
                r("PrepInProgress", "False", "Failed", "boom"));
        assertThat(find(after, "PrepInProgress").lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void status_flip_of_the_last_condition_stays_in_place_with_a_new_transition_time() {
        Conditions after = cs(Fx.IDLE_F, Fx.PREP_IP_T).set("PrepInProgress", FALSE, "Completed", "x", 2, T1);

        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "False", "Completed", "x"));
        assertThat(find(after, "PrepInProgress").lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void same_status_update_of_a_non_idle_condition_stays_in_place_and_keeps_its_transition_time() {
        Conditions before = cs(Fx.IDLE_F, Fx.UPG_IP_T, c("Other", TRUE, "X", "y"));

        Conditions after = before.set("UpgradeInProgress", TRUE, "InProgress", "Backing up Application Data", 3, T1);

        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("UpgradeInProgress", "True", "InProgress", "Backing up Application Data"),
                r("Other", "True", "X", "y"));
        Condition u = find(after, "UpgradeInProgress");
        assertThat(u.lastTransitionTime()).isEqualTo(T0);
        assertThat(u.observedGeneration()).isEqualTo(3);
    }

    @Test
    void any_write_to_a_non_last_idle_moves_it_to_the_end_even_without_a_status_flip() {
        Conditions after = Fx.PREP_IN_PROGRESS.set("Idle", FALSE, "Aborting", "Aborting", 2, T1);

        assertThat(rows(after)).containsExactly(
                r("PrepInProgress", "True", "InProgress", "In progress"),
                r("Idle", "False", "Aborting", "Aborting"));
    }

    /**
     * §2.4 step 1 removes the non-last Idle, so step 2 finds it absent and appends it "with lastTransitionTime = now"
     * (what upstream's meta.SetStatusCondition does for a new element), even though the status did not change.
     */
    @Test
    void a_moved_idle_is_re_appended_with_now_as_transition_time() {
        Conditions after = Fx.PREP_IN_PROGRESS.set("Idle", FALSE, "Aborting", "Aborting", 2, T1);

        assertThat(find(after, "Idle").lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void same_status_write_to_idle_that_is_already_last_stays_in_place_and_keeps_its_transition_time() {
        Conditions before = cs(Fx.PREP_IP_T, Fx.IDLE_F);

        Conditions after = before.set("Idle", FALSE, "Aborting", "Aborting", 2, T1);

        assertThat(rows(after)).containsExactly(
                r("PrepInProgress", "True", "InProgress", "In progress"),
                r("Idle", "False", "Aborting", "Aborting"));
        assertThat(find(after, "Idle").lastTransitionTime()).isEqualTo(T0);
    }

    @Test
    void status_flip_of_idle_in_place_changes_transition_time() {
        Conditions after = Fx.IDLE.set("Idle", FALSE, "InProgress", "In progress", 2, T1);

        assertThat(rows(after)).containsExactly(r("Idle", "False", "InProgress", "In progress"));
        assertThat(find(after, "Idle").lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void remove_is_by_type_and_keeps_the_order_of_the_rest() {
        Conditions after = Fx.UPGRADE_COMPLETED.remove("PrepCompleted");

        assertThat(after.items().map(Condition::type)).containsExactly(
                "Idle", "PrepInProgress", "UpgradeInProgress", "UpgradeCompleted");
        assertThat(Fx.IDLE.remove("PrepCompleted")).isEqualTo(Fx.IDLE);
    }

    @Test
    void with_generation_touches_only_the_named_types_and_not_the_order() {
        Conditions after = Fx.PREP_COMPLETED.withGeneration(9, "PrepInProgress", "PrepCompleted");

        assertThat(rows(after)).isEqualTo(rows(Fx.PREP_COMPLETED));
        assertThat(after.items().map(Condition::observedGeneration)).containsExactly(1L, 9L, 9L);
        assertThat(after.items().map(Condition::lastTransitionTime)).containsOnly(T0);
    }

    @Test
    void last_is_what_the_printer_columns_show() {
        assertThat(Fx.PREP_COMPLETED.last().get().message()).isEqualTo("Prep stage completed successfully");
        assertThat(Conditions.EMPTY.last().isEmpty()).isTrue();
    }
}
