package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.in.ReconcileError;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Issue 10: each {@link PortFailure} kind, injected into a port call each stage makes, does what PortFailure's
 * contract says: Transient is retried (the stage goes on and finishes once the port heals), Conflict reads again at
 * once, Terminal fails the stage, NotFound and Invalid fail it with the port's message.
 */
class FailureKindsPerStageTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final String ORIGINAL = "rhcos_4.14.0";
    static final String TEXT = "injected: the object and its fix";

    enum Kind {
        TRANSIENT(PortFailure::transientFailure), CONFLICT(PortFailure::conflict), TERMINAL(PortFailure::terminal),
        NOT_FOUND(PortFailure::notFound), INVALID(PortFailure::invalid);

        final Function<String, PortFailure> make;

        Kind(Function<String, PortFailure> make) {
            this.make = make;
        }

        boolean failsTheStage() {
            return this == TERMINAL || this == NOT_FOUND || this == INVALID;
        }
    }

    /** A stage, the port call in it that fails, the failure message the stage then shows, and its normal end. */
    enum Where {
        PREP(Op.SEED_INSPECT, "PrepInProgress False Failed \"failed to validate seed image info: failed to get seed "
                + "image labels: failed to inspect image: " + TEXT + "\""),
        PRE_PIVOT(Op.BACKUP_BACKUP, "UpgradeInProgress False Failed \"" + TEXT + "\""),
        POST_PIVOT(Op.BACKUP_RESTORE, "UpgradeInProgress False Failed \"Rollback due to restore failure: " + TEXT
                + "\""),
        ROLLBACK(Op.STATEROOT_SET_DEFAULT, "RollbackInProgress False Failed \"failed to make stateroot " + ORIGINAL
                + " the default: " + TEXT + "\""),
        ABORT(Op.STATEROOT_REMOVE, "Idle False AbortFailed \"failed to remove 1 stateroots: " + TEXT + "; Perform "
                + "cleanup manually then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to "
                + "transition back to Idle\"");

        final String op;
        final String failed;

        Where(String op, String failed) {
            this.op = op;
            this.failed = failed;
        }
    }

    static Stream<Arguments> everyKindInEveryStage() {
        return Stream.of(Where.values()).flatMap(w -> Stream.of(Kind.values()).map(k -> Arguments.of(w, k)));
    }

    private final TestWorld world = TestWorld.fresh();
    private EngineHarness h;

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyKindInEveryStage")
    void each_failure_kind_does_what_the_port_contract_says(Where where, Kind kind) {
        PortFailure failure = kind.make.apply(TEXT);
        ReconcileResult r = reachTheCallAndFail(where, failure, kind.failsTheStage());

        if (kind == Kind.TRANSIENT) {
            assertThat(r.error().get().kind()).as("retried with backoff").isEqualTo(ReconcileError.Kind.TRANSIENT);
            assertThat(r.error().get().message()).contains(TEXT);
            assertStillInProgress(where);
        } else if (kind == Kind.CONFLICT) {
            assertThat(r.error()).isEmpty();
            assertThat(r.requeueAfter()).as("read again at once").contains(Duration.ZERO);
            assertStillInProgress(where);
        } else {
            assertThat(r.error()).as("a stage failure is no error to retry").isEmpty();
            if (where == Where.POST_PIVOT) {
                // Upgrade failed, then the automatic rollback reboots into the original stateroot
                assertThat(world.host().rebootPending()).isTrue();
                assertThat(world.host().defaultStateroot()).isEqualTo(ORIGINAL);
                h.completeReboot();
                h.settle();
            }
            assertThat(Snapshot.last(h.ibu())).isEqualTo(where.failed);
            return;
        }
        // a retried failure loses nothing: once the port answers again the stage reaches its normal end
        h.settle();
        assertNormalEnd(where);
    }

    private void assertStillInProgress(Where where) {
        assertThat(ConditionPredicates.inProgressStage(h.ibu().status().conditions())).as(Snapshot.all(h.ibu()))
                .isNotEmpty();
        assertThat(Snapshot.all(h.ibu())).doesNotContain(where.failed);
    }

    private ReconcileResult reachTheCallAndFail(Where where, PortFailure failure, boolean always) {
        boolean oadp = where == Where.PRE_PIVOT || where == Where.POST_PIVOT;
        if (oadp) {
            world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apps", "apps"));
        }
        h = new EngineHarness(world);
        h.settle();
        if (oadp) {
            world.cluster().patchSpec(s -> new Spec(s.stage(), s.seedImageRef(), List.of(OADP), List.empty(),
                    Option.none()));
        }
        if (where != Where.PREP) {
            world.requestPrep();
            h.settle();
        }
        if (where == Where.POST_PIVOT || where == Where.ROLLBACK) {
            h.request(Stage.UPGRADE);
            h.settle();
            h.completeReboot();
            if (where == Where.ROLLBACK) {
                h.settle();
            }
        }
        if (always) {
            world.faults().failAlways(where.op, failure);
        } else {
            world.faults().failOnce(where.op, failure);
        }
        if (where == Where.PREP) {
            world.requestPrep();
        } else if (where == Where.PRE_PIVOT) {
            h.request(Stage.UPGRADE);
        } else if (where == Where.ROLLBACK) {
            h.request(Stage.ROLLBACK);
        } else if (where == Where.ABORT) {
            h.request(Stage.IDLE);
        }
        ReconcileResult r = h.reconcile();
        assertThat(world.faults().failures(where.op)).as("the fault was hit").isPositive();
        return r;
    }

    private void assertNormalEnd(Where where) {
        if (where == Where.PREP) {
            assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepCompleted True Completed \"Prep stage completed "
                    + "successfully\"");
        } else if (where == Where.PRE_PIVOT || where == Where.ROLLBACK) {
            assertThat(world.host().rebootPending()).isTrue();
            assertThat(world.host().defaultStateroot()).isEqualTo(where == Where.ROLLBACK ? ORIGINAL
                    : world.newStateroot());
        } else if (where == Where.POST_PIVOT) {
            assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeCompleted True Completed \"Upgrade completed\"");
        } else {
            assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
            assertThat(world.host().staterootNames()).containsExactly(ORIGINAL);
        }
    }
}
