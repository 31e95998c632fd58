package dev.ibu.ports.testkit;

import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Status;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user's edits as the CRD's own schema and CEL rules admit them (evaluated by ibu-apiserver's admission). */
class CrdAdmissionTest {
    static final String TRANSITION = "the stage transition is not permitted. Please refer to status.validNextStages "
            + "for valid transitions. If status.validNextStages is not present, it indicates that no transitions are "
            + "currently allowed";

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final SeedImageRef OTHER_SEED = new SeedImageRef("4.16.0", "quay.io/seed:4.16.0", Option.none());

    final InMemoryCluster cluster = new InMemoryCluster(new Faults()).enforceCelRules(true);

    /** An IBU in Prep, Idle=False, whose controller last allowed {@code next}. */
    void inPrep(Stage... next) {
        cluster.create(ImageBasedUpgrade.fresh());
        cluster.patchSpec(s -> new Spec(Stage.PREP, new SeedImageRef("4.15.2", "quay.io/seed:4.15.2", Option.none()),
                s.oadpContent(), s.extraManifests(), s.autoRollbackOnFailure()));
        ImageBasedUpgrade c = cluster.currentIbu();
        Conditions conditions = Conditions.EMPTY.set("Idle", ConditionStatus.FALSE, "InProgress", "In progress", 2, T);
        cluster.writeStatus(c.withStatus(new Status(2, conditions, List.of(next), Option.none(), List.empty())));
    }

    @Test
    void without_a_status_any_edit_is_admitted() {
        cluster.create(ImageBasedUpgrade.fresh());

        assertThat(cluster.tryPatchSpecStage(Stage.ROLLBACK).isRight()).isTrue();
    }

    @Test
    void a_stage_outside_valid_next_stages_is_refused_with_the_crds_message() {
        inPrep(Stage.IDLE, Stage.UPGRADE);

        PortFailure refused = cluster.tryPatchSpecStage(Stage.ROLLBACK).getLeft();

        assertThat(refused).isInstanceOf(PortFailure.Invalid.class);
        assertThat(refused.message()).startsWith("ImageBasedUpgrade.lca.openshift.io \"upgrade\" is invalid: ")
                .endsWith(TRANSITION);
        assertThat(cluster.currentIbu().spec().stage()).isEqualTo(Stage.PREP);
        assertThat(cluster.tryPatchSpecStage(Stage.UPGRADE).isRight()).isTrue();
    }

    @Test
    void an_empty_valid_next_stages_allows_no_transition() {
        inPrep();

        assertThat(cluster.tryPatchSpecStage(Stage.IDLE).isLeft()).isTrue();
    }

    @Test
    void the_seed_cannot_change_in_progress_except_together_with_stage_idle() {
        inPrep(Stage.IDLE);

        assertThat(cluster.tryPatchSpec(s -> new Spec(s.stage(), OTHER_SEED, s.oadpContent(), s.extraManifests(),
                s.autoRollbackOnFailure())).getLeft().message())
                .endsWith("can not change spec.seedImageRef while ibu is in progress");
        assertThat(cluster.tryPatchSpec(s -> new Spec(Stage.IDLE, OTHER_SEED, s.oadpContent(), s.extraManifests(),
                s.autoRollbackOnFailure())).isRight()).isTrue();
    }

    @Test
    void patch_spec_treats_a_refusal_as_a_test_bug_and_off_admits_everything() {
        inPrep(Stage.IDLE);

        assertThatThrownBy(() -> cluster.patchSpecStage(Stage.ROLLBACK)).isInstanceOf(IllegalStateException.class);

        cluster.enforceCelRules(false);
        assertThat(cluster.patchSpecStage(Stage.ROLLBACK).spec().stage()).isEqualTo(Stage.ROLLBACK);
    }
}
