package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Issue 11, "silence and echo" and "a request made too early": every request and input is acted on or answered. */
class RequestsAndInputsTest {
    private final TestWorld world = TestWorld.fresh();
    private final EngineHarness h = new EngineHarness(world);

    private void idle() {
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    private void prepWith(SeedImageRef seed, Option<AutoRollbackOnFailure> arb) {
        world.cluster().patchSpec(s -> new Spec(Stage.PREP, seed, s.oadpContent(), s.extraManifests(), arb));
        h.settle();
    }

    @Test
    void upgrade_requested_while_prep_runs_starts_as_soon_as_prep_completes() {
        idle();
        world.requestPrep();
        h.reconcile();
        h.request(Stage.UPGRADE);
        h.reconcile();
        assertThat(Snapshot.all(h.ibu())).contains("UpgradeInProgress False InvalidTransition \"Previous stage not "
                + "succeeded\"");
        // the pass that completes Prep asks for the next one at once: status writes trigger nothing by themselves
        ReconcileResult completing = null;
        for (int i = 0; i < 50 && !Snapshot.all(h.ibu()).contains("PrepCompleted True"); i++) {
            completing = h.reconcile();
            world.tick(completing.requeueAfter().getOrElse(Duration.ofSeconds(5)));
        }
        assertThat(completing.requeueAfter()).as(completing.summary()).contains(Duration.ZERO);
        h.settle();
        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(world.newStateroot());
        assertThat(Snapshot.all(h.ibu())).doesNotContain("InvalidTransition");
    }

    @Test
    void an_idle_accepted_as_a_no_op_is_not_asked_for_again_and_again() {
        idle();
        assertThat(h.reconcile().requeueAfter()).isEmpty();
    }

    @Test
    void prep_requested_after_the_upgrade_completed_is_named_as_ignored_once() {
        idle();
        world.requestPrep();
        h.settle();
        h.request(Stage.UPGRADE);
        h.settle();
        h.completeReboot();
        h.settle();
        var before = Snapshot.conditions(h.ibu());
        h.request(Stage.PREP);
        h.reconcile();
        h.reconcile();
        String said = "spec.stage Prep is ignored: Prep already ran in this upgrade cycle and Upgrade has started "
                + "since; set spec.stage to one of status.validNextStages: Idle, Rollback";
        assertThat(Snapshot.all(h.ibu())).contains("PrepInProgress False InvalidTransition \"" + said + "\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle", "Rollback");
        assertThat(world.cluster().events().filter(e -> e.message().equals(said))).hasSize(1);
        assertThat(Snapshot.conditions(h.ibu())).hasSameSizeAs(before);
        // the way on still works: finalize
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
    }

    @Test
    void a_negative_init_monitor_timeout_fails_prep_naming_the_field_and_the_fix() {
        idle();
        prepWith(world.seedImageRef(), Option.some(new AutoRollbackOnFailure(-5)));
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate IBU spec: "
                + "spec.autoRollbackOnFailure.initMonitorTimeoutSeconds is -5: set it to 0 (the default, 1800 "
                + "seconds) or a positive number of seconds, then go back to Idle and start Prep again\"");
        assertThat(world.host().staterootNames()).containsExactly("rhcos_4.14.0");
    }

    @Test
    void a_200000_character_version_is_refused_with_a_bounded_echo() {
        idle();
        String version = "4.15.2-" + "9".repeat(200_000);
        prepWith(new SeedImageRef(version, world.seed().image(), Option.none()), Option.none());
        String last = Snapshot.last(h.ibu());
        assertThat(last).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: failed to parse "
                + "target/seed version: \"4.15.2-999").contains("(200007 characters, shortened)\" is not a version "
                + "like 4.15.2 (spec.seedImageRef.version)").hasSizeLessThan(600);
        assertThat(world.cluster().events().map(e -> e.message().length()).max().get()).isLessThan(600);
    }

    @Test
    void a_long_image_name_is_not_echoed_whole_either() {
        idle();
        String image = "quay.io/x/" + "y".repeat(100_000) + ":4.15.2";
        prepWith(new SeedImageRef(world.seed().version(), image, Option.none()), Option.none());
        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed").hasSizeLessThan(40_000);
    }

    @Test
    void a_pull_secret_that_is_not_json_fails_prep_naming_the_secret_and_the_key() {
        idle();
        world.cluster().putPullSecret("seed-pull-secret", "user:password");
        prepWith(new SeedImageRef(world.seed().version(), world.seed().image(), Option.some("seed-pull-secret")),
                Option.none());
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate IBU spec: "
                + "Secret seed-pull-secret key .dockerconfigjson is not a JSON object: recreate it with kubectl "
                + "create secret docker-registry\"");
        assertThat(world.host().staterootNames()).containsExactly("rhcos_4.14.0");
    }

    @Test
    void a_version_holding_a_path_never_reaches_the_host_as_a_stateroot_name() {
        idle();
        prepWith(new SeedImageRef("4.15.2-a/../../../var", world.seed().image(), Option.none()), Option.none());
        assertThat(Snapshot.last(h.ibu())).isEqualTo("PrepInProgress False Failed \"failed to validate IBU spec: "
                + "failed to parse target/seed version: \"4.15.2-a/../../../var\" is not a version like 4.15.2 "
                + "(spec.seedImageRef.version)\"");
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(world.faults().calls(dev.ibu.ports.testkit.Op.STATEROOT_SETUP_STATE)).isZero();
        assertThat(world.faults().calls(dev.ibu.ports.testkit.Op.STATEROOT_REMOVE)).as("abort removes no such name")
                .isZero();
    }
}
