package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The one mapping of PortFailure kinds to steps, entry point by entry point, and the calls that use each. */
class FailurePolicyTest {
    static final PortFailure TRANSIENT = PortFailure.transientFailure("t");
    static final PortFailure CONFLICT = PortFailure.conflict("c");
    static final PortFailure TERMINAL = PortFailure.terminal("x");
    static final PortFailure NOT_FOUND = PortFailure.notFound("secret s not found: create it");
    static final PortFailure INVALID = PortFailure.invalid("bad: fix it");

    @Test
    void in_a_stage_transient_retries_conflict_rereads_and_the_rest_fail_the_stage_with_the_port_message() {
        assertThat(FailurePolicy.inStage(TRANSIENT, "ctx: ")).isEqualTo(new Step.Retry(TRANSIENT));
        assertThat(FailurePolicy.inStage(CONFLICT, "ctx: ")).isEqualTo(new Step.Reread("conflict: c"));
        assertThat(FailurePolicy.inStage(TERMINAL, "ctx: ")).isEqualTo(new Step.FailStage("ctx: x"));
        assertThat(FailurePolicy.inStage(NOT_FOUND, "ctx: "))
                .isEqualTo(new Step.FailStage("ctx: secret s not found: create it"));
        assertThat(FailurePolicy.inStage(INVALID, "ctx: ")).isEqualTo(new Step.FailStage("ctx: bad: fix it"));
    }

    @Test
    void outside_a_stage_and_while_observing_nothing_fails_a_stage() {
        for (PortFailure f : List.of(TRANSIENT, TERMINAL, NOT_FOUND, INVALID)) {
            assertThat(FailurePolicy.outsideStage(f)).isEqualTo(new Step.Retry(f));
            assertThat(FailurePolicy.observing(f)).isEqualTo(new Step.Retry(f));
            assertThat(FailurePolicy.atStartUp(f)).isEqualTo(new Step.Retry(f));
        }
        assertThat(FailurePolicy.outsideStage(CONFLICT)).isEqualTo(new Step.Reread("conflict: c"));
        assertThat(FailurePolicy.atStartUp(CONFLICT)).as("a restore is redone from the top")
                .isEqualTo(new Step.Retry(CONFLICT));
    }

    @Test
    void cleanup_retries_when_every_failure_is_transient_and_fails_naming_all_when_one_is_not() {
        assertThat(FailurePolicy.cleanup(List.empty()).proceeds()).isTrue();
        assertThat(FailurePolicy.cleanup(List.of(CONFLICT))).isInstanceOf(Step.Reread.class);
        assertThat(FailurePolicy.cleanup(List.of(TRANSIENT, CONFLICT))).isEqualTo(new Step.Retry(
                PortFailure.transientFailure("t c")));
        assertThat(FailurePolicy.cleanup(List.of(TRANSIENT, TERMINAL))).isEqualTo(new Step.FailStage("t x Perform "
                + "cleanup manually then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to "
                + "transition back to Idle"));
    }

    @Test
    void a_health_check_that_cannot_run_makes_prep_wait_never_fail() {
        TestWorld world = TestWorld.fresh();
        EngineHarness h = new EngineHarness(world);
        h.settle();
        world.faults().failAlways(Op.HEALTH_CHECK, NOT_FOUND);
        world.requestPrep();
        var r = h.reconcile();
        assertThat(r.error()).contains(Results.of(NOT_FOUND));
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress True InProgress \"In progress\"");
        world.faults().clear(Op.HEALTH_CHECK);
        world.cluster().setHealth(HealthCheckSet.DEFERRED, "one or more ClusterOperators not yet ready: dns");
        h.reconcile();
        world.cluster().setHealthy();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepCompleted True Completed \"Prep stage completed "
                + "successfully\"");
    }

    @Test
    void a_status_write_that_fails_for_good_is_retried_since_no_failure_could_be_written() {
        TestWorld world = TestWorld.fresh();
        EngineHarness h = new EngineHarness(world);
        h.settle();
        world.faults().failOnce(Op.IBU_WRITE_STATUS, TERMINAL);
        world.requestPrep();
        var r = h.reconcile();
        assertThat(r.error()).contains(Results.of(TERMINAL));
        world.faults().failOnce(Op.IBU_WRITE_STATUS, CONFLICT);
        assertThat(h.reconcile().requeueAfter()).contains(Duration.ZERO);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepCompleted True Completed \"Prep stage completed "
                + "successfully\"");
    }
}
