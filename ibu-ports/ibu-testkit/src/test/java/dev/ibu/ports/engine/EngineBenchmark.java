package dev.ibu.ports.engine;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.TransitionStep;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One decide step (the domain alone) and one engine pass over the in-memory adapters (Prep in progress, health,
 * job polling, one status write). Run with {@code bash .ci/bench}; figures only, no assertions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {
    private ImageBasedUpgrade preparing;
    private UpgradeEngine engine;
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        TestWorld world = TestWorld.fresh();
        EngineHarness h = new EngineHarness(world);
        h.settle(10);
        world.requestPrep();
        h.reconcile();
        preparing = world.cluster().currentIbu().withSpec(world.cluster().currentIbu().spec().withStage(Stage.IDLE));
        engine = new UpgradeEngine(EngineHarness.ports(world));
        // Prep keeps running: the stateroot job never finishes unless the world ticks
    }

    @Benchmark
    public TransitionStep decideStep() {
        return TransitionStep.decide(preparing, false, now);
    }

    @Benchmark
    public ReconcileResult enginePass() {
        return engine.reconcile(ReconcileCommand.singleton("bench"));
    }
}
