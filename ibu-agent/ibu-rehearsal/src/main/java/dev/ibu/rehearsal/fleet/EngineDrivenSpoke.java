package dev.ibu.rehearsal.fleet;

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
 * What the spokes that run the real ibu engine share: the node agent's passes on the test kit's in-memory host
 * (reboots complete and the agent restarts, as a node would), the action asked once, and a failing spoke naming a
 * seed image its registry does not have, so Prep fails as it would. Subclasses say where the IBU lives.
 */
abstract class EngineDrivenSpoke implements FleetSpoke {
    static final int PASSES_PER_ROUND = 6;
    static final Duration BACKOFF = Duration.ofSeconds(10);
    static final String MISSING_SEED = "quay.io/openshift-kni/seed:missing";

    final TestWorld world = TestWorld.fresh();
    final boolean failsPrep;
    private UpgradeEngine engine;
    private Action action;

    EngineDrivenSpoke(boolean failsPrep) {
        this.failsPrep = failsPrep;
    }

    /** The node agent's engine after a (re)start of the agent: over the world's ports, or some replaced. */
    abstract UpgradeEngine newEngine();

    /** Writes the stage into the spoke's IBU spec (with the seed for Prep), as applying the work's IBU does. */
    abstract void writeStage(Stage stage);

    /** Starts the agent and lets the new IBU settle Idle before the hub asks anything. */
    final void boot() {
        restart();
        passes(50);
    }

    private void restart() {
        world.restartAgent();
        engine = newEngine();
        engine.initialize();
    }

    @Override
    public final void request(Action a, Instant now) {
        if (a == action) {
            return;
        }
        action = a;
        writeStage(SpokeWork.stageFor(a));
    }

    @Override
    public final void advance(Instant now) {
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
    public final Option<Action> action() {
        return Option.of(action);
    }
}
