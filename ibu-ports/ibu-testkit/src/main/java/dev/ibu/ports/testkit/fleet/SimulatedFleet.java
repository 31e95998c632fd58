package dev.ibu.ports.testkit.fleet;

import dev.ibu.ports.fleet.HubEngine;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.HubPorts;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.ManualClock;
import io.vavr.Tuple2;
import io.vavr.control.Either;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hub with N simulated spokes. One {@link #tick()} is one round of the world: each work agent refreshes its status
 * feedback from its spoke's IBU (so the hub always sees the spoke one tick late), applies any new work generation to
 * its spoke (reporting the new generation with the conditions the IBU had before its node agent reacted, as the real
 * agent's first status update does), then every spoke's node agent takes one pass.
 */
public final class SimulatedFleet {
    private final InMemoryHub hub = new InMemoryHub();
    private final ManualClock clock = new ManualClock();
    private final Map<String, SimulatedSpoke> spokes = new TreeMap<>();

    public InMemoryHub hub() {
        return hub;
    }

    public ManualClock clock() {
        return clock;
    }

    public HubPorts ports() {
        return new HubPorts(hub, hub, hub, hub, clock);
    }

    public HubEngine engine() {
        return new HubEngine(ports());
    }

    public void addSpoke(String name, Map<String, String> labels, SpokeScript script) {
        hub.addCluster(name, labels);
        spokes.put(name, new SimulatedSpoke(name, script));
    }

    /** Changes how a spoke answers from now on (e.g. it is repaired while held). */
    public void script(String name, SpokeScript script) {
        spokes.get(name).script(script);
    }

    public void tick() {
        java.util.List<Tuple2<IbguRef, String>> all = hub.allWorks();
        for (Tuple2<IbguRef, String> w : all) {
            StoredWork work = hub.work(w._1, w._2).get();
            SimulatedSpoke spoke = spokes.get(w._2);
            if (spoke != null && work.observedGeneration() == work.generation()) {
                hub.report(w._1, w._2, work.generation(), spoke.conditions());
            }
        }
        for (Tuple2<IbguRef, String> w : all) {
            StoredWork work = hub.work(w._1, w._2).get();
            SimulatedSpoke spoke = spokes.get(w._2);
            if (spoke != null && work.observedGeneration() != work.generation()) {
                hub.report(w._1, w._2, work.generation(), spoke.conditions());
                spoke.request(work.row().action(), clock.now());
            }
        }
        for (SimulatedSpoke s : spokes.values()) {
            s.advance(clock.now());
        }
    }

    /**
     * Reconciles and ticks, {@code step} apart, until the rollout is done or halted with nothing in flight, or
     * {@code maxRounds} passed. Returns the rounds taken, or the first port failure other than a Conflict.
     */
    public Either<PortFailure, Integer> run(HubEngine engine, IbguRef ref, Duration step, int maxRounds) {
        for (int round = 1; round <= maxRounds; round++) {
            Either<PortFailure, HubPass> pass = engine.reconcile(ref);
            if (pass.isLeft() && !(pass.getLeft() instanceof PortFailure.Conflict)) {
                return Either.left(pass.getLeft());
            }
            if (pass.isRight() && pass.get().decision().exists(d -> d.rolloutDone()
                    || (d.halted().isDefined() && d.summary().inProgress() == 0))) {
                return Either.right(round);
            }
            tick();
            clock.advance(step);
        }
        return Either.right(maxRounds);
    }
}
