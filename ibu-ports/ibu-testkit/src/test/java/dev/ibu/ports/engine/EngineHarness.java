package dev.ibu.ports.engine;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the engine over an in-memory world the way the agent does: reconcile, wait the requeue interval (moving the
 * manual clock and ticking jobs), and after a reboot start a fresh engine that initializes first.
 */
final class EngineHarness {
    static final Duration BACKOFF = Duration.ofSeconds(5);

    final TestWorld world;
    private UpgradeEngine engine;
    final List<ReconcileResult> results = new ArrayList<>();

    private final java.util.function.UnaryOperator<EnginePorts> mutate;

    EngineHarness(TestWorld world) {
        this(world, java.util.function.UnaryOperator.identity());
    }

    /** {@code mutate} may replace ports, e.g. with a deliberately broken one for a canary. */
    EngineHarness(TestWorld world, java.util.function.UnaryOperator<EnginePorts> mutate) {
        this.world = world;
        this.mutate = mutate;
        restartAgent();
    }

    static EnginePorts ports(TestWorld w) {
        return w.ports();
    }

    /** A new agent process: a fresh engine that runs its start-up step. */
    ReconcileResult restartAgent() {
        world.restartAgent(); // the host's job runners die with the old agent
        engine = new UpgradeEngine(mutate.apply(ports(world)));
        return engine.initialize();
    }

    ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        return engine.deleted(lastSeen);
    }

    ReconcileResult reconcile() {
        ReconcileResult r = engine.reconcile(ReconcileCommand.singleton("test"));
        results.add(r);
        return r;
    }

    /**
     * Reconciles until the engine has nothing more to do, a reboot is pending, or {@code maxPasses} ran; between
     * passes the clock moves by the requeue interval and the world ticks.
     */
    ReconcileResult settle(int maxPasses) {
        ReconcileResult last = null;
        for (int i = 0; i < maxPasses; i++) {
            last = reconcile();
            if (world.host().rebootPending()) {
                return last;
            }
            if (last.error().isDefined()) {
                world.tick(BACKOFF);
            } else if (last.requeueAfter().isDefined()) {
                world.tick(last.requeueAfter().get());
            } else {
                return last;
            }
        }
        return last;
    }

    ReconcileResult settle() {
        return settle(200);
    }

    /** Boots the default deployment after the engine's reboot and restarts the agent, as a real node would. */
    void completeReboot() {
        world.completeReboot();
        restartAgent();
    }

    void request(dev.ibu.domain.Stage stage) {
        world.requestStage(stage);
    }

    ImageBasedUpgrade ibu() {
        return world.cluster().currentIbu();
    }
}
