package dev.ibu.agent.observability;

import dev.ibu.ports.in.ReconcileError;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.agent.StrictCluster;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces {@code run} wires, end to end: the metered engine, the informer-fed status metrics, the probes. */
class ObservabilityIT {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Observability start() throws Exception {
        Observability o = Observability.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
        o.serveMetrics(new MetricsServing(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, null),
                null);
        return o;
    }

    @Test
    void the_metered_engine_counts_reconciles_and_makes_the_agent_ready_after_the_first() throws Exception {
        ReconcileResult[] next = {ReconcileResult.error(new ReconcileError(ReconcileError.Kind.CONFLICT, "stale"))};
        ReconcileUpgradeUseCase engine = new ReconcileUpgradeUseCase() {
            @Override
            public ReconcileResult initialize() {
                return ReconcileResult.done("created");
            }

            @Override
            public ReconcileResult reconcile(ReconcileCommand command) {
                if (next[0] == null) {
                    throw new IllegalStateException("a bug");
                }
                return next[0];
            }

            @Override
            public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
                return ReconcileResult.done("recreated");
            }
        };
        try (Observability o = start()) {
            MeteredUseCase metered = new MeteredUseCase(engine, o.metrics(), o.readiness());
            assertThat(Http.get(o.port(), "/readyz").statusCode()).isEqualTo(503);

            metered.reconcile(new ReconcileCommand("upgrade", "upgrade-1"));
            next[0] = null;
            assertThatThrownBy(() -> metered.reconcile(new ReconcileCommand("upgrade", "upgrade-2")))
                    .hasMessage("a bug");

            assertThat(Http.get(o.port(), "/readyz").statusCode()).isEqualTo(200);
            String body = Http.get(o.metricsPort(), "/metrics").body();
            assertThat(Http.sample(body, "ibu_reconciles_total")).isEqualTo(2);
            assertThat(Http.sample(body, "ibu_reconcile_errors_total{kind=\"Conflict\"}")).isEqualTo(1);
            assertThat(Http.sample(body, "ibu_reconcile_errors_total{kind=\"exception\"}")).isEqualTo(1);
        }
    }

    @Test
    void status_changes_seen_by_the_informer_become_stage_transitions() throws Exception {
        try (StrictCluster api = StrictCluster.start(getClass()); Observability o = start()) {
            IbuResourceAdapter resource = new IbuResourceAdapter(api.agent());
            ImageBasedUpgrade idle = resource.create(ImageBasedUpgrade.fresh().withStatus(ImageBasedUpgrade.fresh()
                    .status().withConditions(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.TRUE)))))
                    .get();
            SharedIndexInformer<?> informer = IbuStatusObserver.inform(api.agent(), o.metrics());
            try {
                until(() -> scrape(o).contains("ibu_stage{stage=\"Idle\"} 1"));
                resource.writeStatus(idle.withStatus(idle.status().withConditions(Conditions.of(
                        cond(ConditionTypes.IDLE, ConditionStatus.FALSE),
                        cond(ConditionTypes.PREP_IN_PROGRESS, ConditionStatus.TRUE))))).get();

                until(() -> scrape(o).contains("ibu_stage_transitions_total{from=\"Idle\",to=\"Prep\"} 1"));
                assertThat(Http.sample(scrape(o), "ibu_stage{stage=\"Prep\"}")).isEqualTo(1);
            } finally {
                informer.close();
            }
        }
    }

    private static String scrape(Observability o) {
        try {
            return Http.get(o.metricsPort(), "/metrics").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Condition cond(String type, ConditionStatus status) {
        return new Condition(type, status, "Reason", "", 1, T0);
    }

    /** A hang guard, not a timing assertion. */
    private static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition never held").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
