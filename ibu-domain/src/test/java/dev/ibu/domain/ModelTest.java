package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Spec §1: the custom resource as the domain holds it. */
class ModelTest {

    @Test
    void the_auto_created_cr_is_the_singleton_upgrade_with_spec_stage_idle_and_no_status() {
        ImageBasedUpgrade fresh = ImageBasedUpgrade.fresh();
        assertThat(fresh.metadata().name()).isEqualTo("upgrade");
        assertThat(fresh.spec().stage()).isEqualTo(Stage.IDLE);
        assertThat(fresh.spec().autoRollbackOnFailure().isEmpty()).as("docs drift: code creates no {}").isTrue();
        assertThat(fresh.status().conditions().isEmpty()).isTrue();
        assertThat(fresh.status().validNextStages()).isEmpty();
        assertThat(fresh.status().history()).isEmpty();
        assertThat(fresh.status().rollbackAvailabilityExpiration().isEmpty()).isTrue();
    }

    @Test
    void the_stage_enum_is_exactly_the_crd_enum() {
        assertThat(io.vavr.collection.List.of(Stage.values()).map(Stage::wireName))
                .containsExactly("Idle", "Prep", "Upgrade", "Rollback");
        assertThat(Stage.parse("Finalize").isEmpty()).isTrue();
        assertThat(Stage.parse("").isEmpty()).isTrue();
    }

    @Test
    void condition_status_wire_names() {
        assertThat(ConditionStatus.parse("True").get()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ConditionStatus.parse("False").get()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ConditionStatus.parse("Unknown").get()).isEqualTo(ConditionStatus.UNKNOWN);
        assertThat(ConditionStatus.parse("true").isEmpty()).isTrue();
    }

    @Test
    void init_monitor_timeout_zero_or_absent_means_1800_seconds() {
        assertThat(Spec.idle().initMonitorTimeoutSeconds()).isEqualTo(1800);
        Spec zero = new Spec(Stage.PREP, null, null, null, Option.some(new AutoRollbackOnFailure(0)));
        assertThat(zero.initMonitorTimeoutSeconds()).isEqualTo(1800);
        Spec set = new Spec(Stage.PREP, null, null, null, Option.some(new AutoRollbackOnFailure(600)));
        assertThat(set.initMonitorTimeoutSeconds()).isEqualTo(600);
    }

    @Test
    void a_negative_init_monitor_timeout_is_held_as_given_and_refused_by_the_spec_rules_naming_the_field() {
        // held, not thrown: a resource the domain cannot represent would make the agent silent (issue 11)
        Spec negative = new Spec(Stage.PREP, new SeedImageRef("4.15.2", "quay.io/x/seed:4.15.2", Option.none()),
                null, null, Option.some(new AutoRollbackOnFailure(-1)));
        assertThat(negative.autoRollbackOnFailure().get().initMonitorTimeoutSeconds()).isEqualTo(-1);
        assertThat(SpecRules.problem(negative)).containsExactly("spec.autoRollbackOnFailure.initMonitorTimeoutSeconds "
                + "is -1: set it to 0 (the default, 1800 seconds) or a positive number of seconds, then go back to "
                + "Idle and start Prep again");
    }

    @Test
    void absent_spec_fields_are_empty_not_null() {
        Spec s = new Spec(Stage.IDLE, null, null, null, null);
        assertThat(s.seedImageRef()).isEqualTo(SeedImageRef.EMPTY);
        assertThat(s.oadpContent()).isEmpty();
        assertThat(s.extraManifests()).isEmpty();
        assertThat(s.autoRollbackOnFailure().isEmpty()).isTrue();
        assertThat(SeedImageRef.EMPTY.pullSecretName().isEmpty()).isTrue();
    }

    @Test
    void condition_keeps_reason_and_message_and_requires_a_type() {
        Condition c = new Condition("Idle", ConditionStatus.TRUE, null, null, 0, Fx.T0);
        assertThat(c.reason()).isEmpty();
        assertThat(c.message()).isEmpty();
        assertThatThrownBy(() -> new Condition("", ConditionStatus.TRUE, "r", "m", 0, Fx.T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
