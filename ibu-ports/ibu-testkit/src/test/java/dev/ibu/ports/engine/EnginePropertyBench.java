package dev.ibu.ports.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark of the stateful property suite (issue 16; run by {@code .ci/bench.d/40-scale.sh}, never by the test
 * suite): {@link EnginePropertyTest}'s property, {@link EnginePropertyTest#RUNS} generated engine runs, once cold
 * (the first in this JVM, as CI's test fork runs it) and then {@code rounds} times warm. Prints one tab-separated
 * summary row: runs per second.
 */
public final class EnginePropertyBench {
    private EnginePropertyBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        EnginePropertyTest.quiet();
        List<Double> warm = new ArrayList<>();
        double cold = 0;
        for (int r = 0; r <= rounds; r++) {
            long t0 = System.nanoTime();
            new EnginePropertyTest().invariants_hold_after_every_step_of_random_runs();
            double s = (System.nanoTime() - t0) / 1e9;
            if (r == 0) {
                cold = s;
            } else {
                warm.add(EnginePropertyTest.RUNS / s);
            }
        }
        Collections.sort(warm);
        double median = warm.size() % 2 == 1 ? warm.get(warm.size() / 2)
                : (warm.get(warm.size() / 2 - 1) + warm.get(warm.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "stateful property suite: EnginePropertyTest, %d generated engine runs\t"
                + "before: 1,000 runs per CI build, 9.3 s on a loaded machine (108 runs/s)\t%.0f runs/s median "
                + "(%.0f-%.0f) warm; cold %.1f s for %d runs (%.0f runs/s)\t>= 10,000 runs in < 60 s\t%s%n",
                EnginePropertyTest.RUNS, median, warm.get(0), warm.get(warm.size() - 1), cold,
                EnginePropertyTest.RUNS, EnginePropertyTest.RUNS / cold,
                EnginePropertyTest.RUNS >= 10_000 && cold < 60 ? "met" : "not met");
    }
}
