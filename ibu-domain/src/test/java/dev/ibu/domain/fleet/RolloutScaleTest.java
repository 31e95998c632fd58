package dev.ibu.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.SpokeScript.Outcome;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * 10,000 spokes through [Prep, Upgrade, FinalizeUpgrade] with maxConcurrency 500: every spoke completes, in flight
 * never exceeds 500, and the decisions' CPU time is printed (a figure for BENCHMARKS.md, not asserted).
 */
class RolloutScaleTest {

    @Test
    void ten_thousand_spokes_roll_through_prep_upgrade_finalize() {
        int n = 10_000;
        RolloutStrategy s = RolloutStrategy.talm(500, Duration.ofMinutes(240));
        ImageBasedGroupUpgrade g = new ImageBasedGroupUpgrade("fleet", "scale", null,
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))),
                List.of(PlanItem.of(s, Action.PREP), PlanItem.of(s, Action.UPGRADE),
                        PlanItem.of(s, Action.FINALIZE_UPGRADE)), null);
        Map<String, Action> current = new HashMap<>();
        Map<String, Instant> since = new HashMap<>();
        List<String> names = List.range(0, n).map(i -> String.format("sno-%05d", i));
        Instant now = SpokeScript.T0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpuNanos = 0;
        int decisions = 0;
        int transitions = 0;
        while (true) {
            Instant t = now;
            List<Spoke> spokes = names.map(name -> {
                Action a = current.get(name);
                Conditions c = a == null ? Conditions.EMPTY : SpokeScript.conditions(a, Outcome.DONE,
                        !t.isBefore(since.get(name).plus(minutes(name, a))));
                return new Spoke(name, TreeMap.of("env", "lab"), c);
            });
            long before = cpu.getCurrentThreadCpuTime();
            Decision d = Rollout.decide(g, spokes, now);
            cpuNanos += cpu.getCurrentThreadCpuTime() - before;
            decisions++;
            assertThat(d.summary().inProgress()).isLessThanOrEqualTo(500);
            transitions += d.starts().size() + d.labels().count(l -> l.set());
            for (Start st : d.starts()) {
                current.put(st.cluster(), st.action());
                since.put(st.cluster(), now);
            }
            g = g.withStatus(d.statusAfter());
            if (d.rolloutDone()) {
                break;
            }
            Instant next = d.wakeAt().getOrNull();
            for (Map.Entry<String, Action> e : current.entrySet()) {
                Instant done = since.get(e.getKey()).plus(minutes(e.getKey(), e.getValue()));
                if (done.isAfter(now) && (next == null || done.isBefore(next))) {
                    next = done;
                }
            }
            now = next;
        }
        assertThat(g.status().clusters().values().count(r -> r.completedActions().equals(
                List.of(Action.PREP, Action.UPGRADE, Action.FINALIZE_UPGRADE)))).isEqualTo(n);
        System.out.printf("fleet scale: %d spokes, %d decisions, %d transitions, decide CPU %.1f ms total,"
                        + " %.3f ms per transition%n", n, decisions, transitions, cpuNanos / 1e6,
                cpuNanos / 1e6 / transitions);
    }

    static Duration minutes(String name, Action a) {
        return Duration.ofMinutes(10 + Math.floorMod(name.hashCode() + a.ordinal(), 5) * 10L);
    }
}
