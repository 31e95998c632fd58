package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.fleet.SpokeWork;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * A spoke running the real ibu engine (UpgradeEngine) on the test kit's in-memory world (host, cluster, registry,
 * Velero): the work agent's stage request becomes {@code spec.stage} of the spoke's IBU, each round the node agent
 * takes a few passes (reboots complete and the agent restarts, as a node would), and the hub sees the IBU's real
 * conditions. A failing spoke names a seed image its registry does not have, so Prep fails as it would.
 */
final class EngineSpoke implements FleetSpoke {
    static final int PASSES_PER_ROUND = 6;
    static final Duration BACKOFF = Duration.ofSeconds(10);

    private final TestWorld world = TestWorld.fresh();
    private final boolean failsPrep;
    private UpgradeEngine engine;
    private Action action;

    EngineSpoke(boolean failsPrep) {
        this.failsPrep = failsPrep;
        restart();
        passes(50);  // the new IBU settles Idle before the hub asks anything
    }

    private void restart() {
        world.restartAgent();
        engine = new UpgradeEngine(world.ports());
        engine.initialize();
    }

    @Override
    public void request(Action a, Instant now) {
        if (a == action) {
            return;
        }
        action = a;
        Stage stage = SpokeWork.stageFor(a);
        if (stage == Stage.PREP) {
            SeedImageRef seed = failsPrep ? new SeedImageRef(world.seed().version(),
                    "quay.io/openshift-kni/seed:missing", Option.none()) : world.seedImageRef();
            world.cluster().patchSpec(s -> new Spec(Stage.PREP, seed, s.oadpContent(), s.extraManifests(),
                    s.autoRollbackOnFailure()));
        } else {
            world.requestStage(stage);
        }
    }

    @Override
    public void advance(Instant now) {
        if (action != null) {
            passes(PASSES_PER_ROUND);
        }
    }

    /** Up to {@code n} node-agent passes; stops when the engine has nothing more to do now. */
    private void passes(int n) {
        for (int i = 0; i < n; i++) {
            ReconcileResult r = engine.reconcile(ReconcileCommand.singleton("fleet"));
            if (world.host().rebootPending()) {
                world.completeReboot();
                restart();
            } else if (r.error().isDefined()) {
                world.tick(BACKOFF);
            } else if (r.requeueAfter().isDefined()) {
                world.tick(r.requeueAfter().get());
            } else {
                return;
            }
        }
    }

    @Override
    public Conditions conditions() {
        return world.cluster().currentIbu().status().conditions();
    }

    @Override
    public Option<Action> action() {
        return Option.of(action);
    }
}
