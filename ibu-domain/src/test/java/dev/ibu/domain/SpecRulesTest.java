package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The spec checks Prep makes before anything else, each naming the field and the fix. */
class SpecRulesTest {
    static final SeedImageRef SEED = new SeedImageRef("4.15.2", "quay.io/x/seed:4.15.2", Option.none());

    private static Spec spec(SeedImageRef seed, Option<AutoRollbackOnFailure> arb) {
        return new Spec(Stage.PREP, seed, null, null, arb);
    }

    @Test
    void a_complete_spec_passes() {
        assertThat(SpecRules.problem(spec(SEED, Option.none()))).isEmpty();
        assertThat(SpecRules.problem(spec(SEED, Option.some(new AutoRollbackOnFailure(0))))).isEmpty();
        assertThat(SpecRules.problem(spec(SEED, Option.some(new AutoRollbackOnFailure(600))))).isEmpty();
    }

    @Test
    void each_missing_or_negative_field_is_named() {
        assertThat(SpecRules.problem(spec(new SeedImageRef("", "i", Option.none()), Option.none())).get())
                .startsWith("spec.seedImageRef.version is empty: set it");
        assertThat(SpecRules.problem(spec(new SeedImageRef("4.15.2", "", Option.none()), Option.none())).get())
                .isEqualTo("spec.seedImageRef.image is empty: set it to the seed image pull spec");
        assertThat(SpecRules.problem(spec(SEED, Option.some(new AutoRollbackOnFailure(-5)))).get())
                .startsWith("spec.autoRollbackOnFailure.initMonitorTimeoutSeconds is -5: set it to 0");
    }
}
