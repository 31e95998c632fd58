package dev.ibu.ports.fleet;

import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import dev.ibu.ports.testkit.fleet.SpokeScript;
import dev.ibu.ports.testkit.fleet.StoredWork;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Fixtures for the hub tests: spokes {@code sno-00..}, labelled {@code env=lab}, and IBGUs selecting them. */
final class Fleets {
    static final Duration TICK = Duration.ofMinutes(1);
    static final Spec IBU = new Spec(Stage.IDLE, new SeedImageRef("4.21.0", "quay.io/seed/image:4.21.0",
            Option.none()), List.empty(), List.empty(), Option.none());
    static final Spec IBU_WITH_OADP = new Spec(Stage.IDLE, IBU.seedImageRef(),
            List.of(new dev.ibu.domain.ConfigMapRef("oadp-cm", "openshift-adp")), List.empty(), Option.none());

    private Fleets() {
    }

    static String name(int i) {
        return String.format("sno-%02d", i);
    }

    static SimulatedFleet fleet(int n, UnaryOperator<SpokeScript> scriptOf, java.util.Set<Integer> special) {
        SimulatedFleet f = new SimulatedFleet();
        for (int i = 0; i < n; i++) {
            SpokeScript s = SpokeScript.ok(3);
            f.addSpoke(name(i), Map.of("env", "lab"), special.contains(i) ? scriptOf.apply(s) : s);
        }
        return f;
    }

    static SimulatedFleet fleet(int n) {
        return fleet(n, s -> s, java.util.Set.of());
    }

    static ImageBasedGroupUpgrade ibgu(PlanItem... plan) {
        return new ImageBasedGroupUpgrade("fleet", "upgrade-4-21", IBU,
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))), List.of(plan), null);
    }

    static RolloutStrategy strategy(int maxConcurrency) {
        return RolloutStrategy.talm(maxConcurrency, Duration.ofMinutes(240));
    }

    static PlanItem step(RolloutStrategy s, Action... actions) {
        return PlanItem.of(s, actions);
    }

    static List<ClusterRow> rows(SimulatedFleet f, IbguRef ref) {
        return f.hub().workClusters(ref).map(c -> f.hub().work(ref, c).get()).map(StoredWork::row);
    }

    static long inFlight(SimulatedFleet f, IbguRef ref) {
        return rows(f, ref).count(r -> r.state() == RowState.IN_PROGRESS);
    }
}
