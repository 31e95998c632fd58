package dev.ibu.agent.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import dev.ibu.ports.testkit.fleet.SpokeScript;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStrategy;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

class HubMetricsTest {

    private static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_pass_sets_the_spokes_by_state_and_a_deletion_removes_the_series() throws Exception {
        SimulatedFleet fleet = new SimulatedFleet();
        for (int i = 0; i < 4; i++) {
            fleet.addSpoke("sno-" + i, Map.of("env", "lab"), SpokeScript.ok(2));
        }
        IbguRef ref = fleet.hub().create(new ImageBasedGroupUpgrade("fleet", "g",
                new Spec(Stage.IDLE, new SeedImageRef("4.21.0", "quay.io/s:4.21.0", Option.none()), List.empty(),
                        List.empty(), Option.none()),
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))),
                List.of(PlanItem.of(RolloutStrategy.talm(3, Duration.ofMinutes(30)), Action.PREP)), null));
        PrometheusRegistry registry = new PrometheusRegistry();
        HubMetrics metrics = new HubMetrics(registry);
        metrics.passed(ref, fleet.engine().reconcile(ref));
        metrics.passed(ref, Either.left(PortFailure.conflict("stale")));
        String text = scrape(registry);
        assertThat(text).contains("ibu_fleet_spokes{ibgu=\"g\",namespace=\"fleet\",state=\"InProgress\"} 3.0",
                "ibu_fleet_spokes{ibgu=\"g\",namespace=\"fleet\",state=\"NotStarted\"} 1.0",
                "ibu_fleet_halted{ibgu=\"g\",namespace=\"fleet\"} 0.0",
                "ibu_fleet_reconciles_total{result=\"conflict\"} 1.0", "ibu_fleet_spoke_writes_total 3.0");

        metrics.passed(ref, Either.right(new HubPass(Option.none(), Option.none(), 0, 0, false)));
        assertThat(scrape(registry)).doesNotContain("ibu_fleet_spokes{");
    }
}
