package dev.ibu.domain.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.SpokeScript.Outcome;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** A random fleet and plan, and the simulated spokes following their scripts when the hub starts them. */
final class FleetSim {
    final List<String> names;
    final java.util.Set<String> unselected = new java.util.HashSet<>();
    final Map<String, Map<Action, SpokeScript>> scripts = new HashMap<>();
    final ImageBasedGroupUpgrade ibgu;
    /** The action each spoke is running and since when. */
    final Map<String, Action> current = new HashMap<>();
    final Map<String, Instant> currentSince = new HashMap<>();

    FleetSim(long seed, int n) {
        Random r = new Random(seed);
        java.util.List<String> ns = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("spoke-%05d", r.nextInt(1_000_000));
            if (ns.contains(name)) {
                continue;
            }
            ns.add(name);
            if (r.nextInt(20) == 0) {
                unselected.add(name);
            }
            Map<Action, SpokeScript> s = new HashMap<>();
            int failPct = r.nextInt(4) == 0 ? 30 : 6;
            for (Action a : Action.values()) {
                int roll = r.nextInt(100);
                Outcome o = roll < failPct ? Outcome.FAIL : roll < failPct + 4 ? Outcome.HANG : Outcome.DONE;
                s.put(a, new SpokeScript(o, 10 * (1 + r.nextInt(12))));
            }
            scripts.put(name, s);
        }
        names = List.ofAll(ns);
        List<List<Action>> shape = PlanRules.ALLOWED.get(r.nextInt(PlanRules.ALLOWED.size()));
        int big = Math.max(1, n / 8);
        ibgu = new ImageBasedGroupUpgrade("fleet", "ibgu", null,
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))),
                shape.map(a -> new PlanItem(a, strategy(r, big, ns))), RolloutStatus.initial());
    }

    private static RolloutStrategy strategy(Random r, int big, java.util.List<String> ns) {
        int mc = r.nextBoolean() ? 1 + r.nextInt(Math.min(big, 8)) : big + r.nextInt(big + 1);
        RolloutStrategy s = RolloutStrategy.talm(mc, Duration.ofMinutes(List.of(30, 60, 90, 240).get(r.nextInt(4))));
        int b = r.nextInt(10);
        if (b < 3) {
            s = s.withMaxFailures(FailureBudget.count(r.nextInt(6)));
        } else if (b < 6) {
            s = s.withMaxFailures(FailureBudget.percentage(r.nextInt(31)));
        }
        int c = r.nextInt(10);
        Duration soak = Duration.ofMinutes(10 * r.nextInt(7));
        if (c < 3) {
            s = s.withCanary(Canary.first(1 + r.nextInt(3), soak));
        } else if (c < 4 && !ns.isEmpty()) {
            s = s.withCanary(Canary.named(List.of(ns.get(r.nextInt(ns.size())), ns.get(r.nextInt(ns.size())),
                    "not-a-spoke").distinct(), soak));
        }
        return r.nextInt(3) == 0 ? s.withOnFailure(OnFailure.HOLD) : s;
    }

    List<Spoke> observe(Instant now) {
        return names.map(n -> new Spoke(n, TreeMap.of("env", unselected.contains(n) ? "other" : "lab"),
                conditions(n, now)));
    }

    private Conditions conditions(String n, Instant now) {
        Action a = current.get(n);
        if (a == null) {
            return Conditions.EMPTY;
        }
        SpokeScript s = scripts.get(n).get(a);
        boolean finished = !now.isBefore(currentSince.get(n).plus(Duration.ofMinutes(s.minutes())));
        return SpokeScript.conditions(a, s.outcome(), finished);
    }

    void apply(List<Start> starts, Instant now) {
        for (Start st : starts) {
            current.put(st.cluster(), st.action());
            currentSince.put(st.cluster(), now);
        }
    }

    /** The next time a running spoke reports an outcome, after {@code now}. */
    io.vavr.control.Option<Instant> nextEvent(Instant now) {
        Instant best = null;
        for (Map.Entry<String, Action> e : current.entrySet()) {
            SpokeScript s = scripts.get(e.getKey()).get(e.getValue());
            if (s.outcome() == Outcome.HANG) {
                continue;
            }
            Instant t = currentSince.get(e.getKey()).plus(Duration.ofMinutes(s.minutes()));
            if (t.isAfter(now) && (best == null || t.isBefore(best))) {
                best = t;
            }
        }
        return io.vavr.control.Option.of(best);
    }
}
