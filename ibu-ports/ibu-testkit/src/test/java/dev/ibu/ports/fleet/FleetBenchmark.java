package dev.ibu.ports.fleet;

import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import dev.ibu.ports.testkit.fleet.SpokeScript;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

/**
 * Issue 17's scale benchmark (a main, never run by surefire; .ci/bench.d/60-fleet.sh runs it): N simulated spokes
 * through Prep, Upgrade and FinalizeUpgrade with maxConcurrency 500 in one JVM. One tick of the simulated world is one
 * watch event; a pass whose wake time has come runs again at once, as HubLoop queues it. Reports hub CPU per spoke
 * transition (the engine's thread CPU time only, the simulated work agents and spokes excluded), heap used after a
 * full GC at the end of each step (the whole JVM: hub, in-memory API and simulated spokes), API calls per spoke by
 * verb, and how many watch events a step waited after its last spoke finished.
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    record Result(double cpuMsPerTransition, long transitions, double maxHeapMiB, Map<String, Integer> calls,
                  int spokes, int maxStepWaitEvents, int passes, int events) {
    }

    public static void main(String[] args) {
        int spokes = Integer.parseInt(arg(args, "--spokes", "10000"));
        int concurrency = Integer.parseInt(arg(args, "--max-concurrency", "500"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "3"));
        java.util.List<Double> cpu = new ArrayList<>();
        java.util.List<Double> heap = new ArrayList<>();
        Result last = null;
        for (int r = 1; r <= rounds; r++) {
            last = once(spokes, concurrency);
            System.out.printf("round %d%s: %.4f ms hub CPU per transition (%d transitions, %d passes, %d watch events),"
                            + " max heap after GC %.1f MiB, max step wait %d watch event(s)%n", r, r == 1 ? " (cold)"
                            : "", last.cpuMsPerTransition(), last.transitions(), last.passes(), last.events(),
                    last.maxHeapMiB(), last.maxStepWaitEvents());
            if (r > 1 || rounds == 1) {
                cpu.add(last.cpuMsPerTransition());
                heap.add(last.maxHeapMiB());
            }
        }
        Collections.sort(cpu);
        Collections.sort(heap);
        int writes = last.calls().entrySet().stream().filter(e -> !e.getKey().contains("(cache)")
                && !e.getKey().startsWith("get ")).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("calls: %s%n", last.calls());
        System.out.printf("FIGURE cpu_ms_per_transition median=%.4f min=%.4f max=%.4f%n", cpu.get(cpu.size() / 2),
                cpu.get(0), cpu.get(cpu.size() - 1));
        System.out.printf("FIGURE heap_mib median=%.1f min=%.1f max=%.1f%n", heap.get(heap.size() / 2), heap.get(0),
                heap.get(heap.size() - 1));
        System.out.printf("FIGURE writes_per_spoke %.2f%n", writes / (double) last.spokes());
        System.out.printf("FIGURE per_spoke_reads 0 (lists come from watch caches: %d list passes for %d spokes)%n",
                last.passes(), last.spokes());
        System.out.printf("FIGURE max_step_wait_events %d%n", last.maxStepWaitEvents());
    }

    static Result once(int n, int concurrency) {
        SimulatedFleet f = new SimulatedFleet();
        for (int i = 0; i < n; i++) {
            f.addSpoke(String.format("sno-%05d", i), Map.of("env", "lab"), SpokeScript.ok(3));
        }
        RolloutStrategy s = RolloutStrategy.talm(concurrency, Duration.ofMinutes(240));
        Spec spec = new Spec(Stage.IDLE, new SeedImageRef("4.21.0", "quay.io/seed/image:4.21.0", Option.none()),
                List.empty(), List.empty(), Option.none());
        IbguRef ref = f.hub().create(new ImageBasedGroupUpgrade("fleet", "bench", spec,
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))),
                List.of(PlanItem.of(s, Action.PREP), PlanItem.of(s, Action.UPGRADE),
                        PlanItem.of(s, Action.FINALIZE_UPGRADE)), null));
        HubEngine engine = f.engine();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long cpuNanos = 0;
        long transitions = 0;
        double maxHeap = 0;
        int passes = 0;
        int events = 0;
        int maxWait = 0;
        int lastCompletionEvent = -1;
        int previousStep = 0;
        while (true) {
            long t0 = threads.getCurrentThreadCpuTime();
            Either<PortFailure, HubPass> pass = engine.reconcile(ref);
            cpuNanos += threads.getCurrentThreadCpuTime() - t0;
            passes++;
            if (pass.isLeft()) {
                throw new IllegalStateException("the hub failed: " + pass.getLeft());
            }
            Decision d = pass.get().decision().get();
            // every changed row is one transition (a start, a next action, a completion, a failure)
            transitions += pass.get().worksWritten();
            if (pass.get().worksWritten() > d.starts().size()) {
                lastCompletionEvent = events;
            }
            if (d.statusAfter().step() > d.step()) {
                System.gc();
                maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            }
            if (d.step() > previousStep && !d.starts().isEmpty()) {
                maxWait = Math.max(maxWait, events - lastCompletionEvent);
                previousStep = d.step();
            }
            if (d.rolloutDone()) {
                break;
            }
            boolean again = d.wakeAt().exists(w -> !w.isAfter(f.clock().now()));
            if (!again) {
                f.tick();
                f.clock().advance(Duration.ofMinutes(1));
                events++;
            }
        }
        return new Result(cpuNanos / 1e6 / transitions, transitions, maxHeap, f.hub().calls(), n, maxWait, passes,
                events);
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
