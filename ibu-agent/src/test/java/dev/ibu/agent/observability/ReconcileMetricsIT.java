package dev.ibu.agent.observability;

import dev.ibu.ports.in.ReconcileError;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.PrecacheProgress;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics as Prometheus scrapes them: over HTTP from a server on a free loopback port. */
class ReconcileMetricsIT {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private ReconcileMetrics metrics;
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        metrics = new ReconcileMetrics(registry);
        server = MetricsServer.plainOnLoopback(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String scrape() throws Exception {
        return Http.get(server.port(), "/metrics").body();
    }

    @Test
    void reconciles_errors_by_kind_and_latency_are_counted() throws Exception {
        metrics.reconciled(ReconcileResult.done("idle"), Duration.ofMillis(20));
        metrics.reconciled(ReconcileResult.error(new ReconcileError(ReconcileError.Kind.TRANSIENT, "API down")),
                Duration.ofMillis(200));
        metrics.threw(new IllegalStateException("bug"), Duration.ofSeconds(3));

        String body = scrape();

        assertThat(Http.sample(body, "ibu_reconciles_total")).isEqualTo(3);
        assertThat(Http.sample(body, "ibu_reconcile_errors_total{kind=\"Transient\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_reconcile_errors_total{kind=\"exception\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_reconcile_duration_seconds_count")).isEqualTo(3);
        assertThat(Http.sample(body, "ibu_reconcile_duration_seconds_sum")).isEqualTo(3.22, within());
        assertThat(Http.sample(body, "ibu_reconcile_duration_seconds_bucket{le=\"0.05\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_reconcile_duration_seconds_bucket{le=\"0.25\"}")).isEqualTo(2);
    }

    @Test
    void a_stage_change_in_the_status_is_a_transition_and_finished_stages_and_phases_have_durations()
            throws Exception {
        ImageBasedUpgrade idle = ibu(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.TRUE)), List.empty());
        List<StageHistory> prepStarted = History.startPhase(History.startStage(List.empty(), Stage.PREP, T0),
                Stage.PREP, History.PHASE_STATEROOT, T0);
        ImageBasedUpgrade prepping = ibu(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.FALSE),
                cond(ConditionTypes.PREP_IN_PROGRESS, ConditionStatus.TRUE)), prepStarted);
        List<StageHistory> prepDone = History.stopStage(History.stopPhase(prepStarted, Stage.PREP,
                History.PHASE_STATEROOT, T0.plusSeconds(90)), Stage.PREP, T0.plusSeconds(300));
        ImageBasedUpgrade prepped = ibu(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.FALSE),
                cond(ConditionTypes.PREP_IN_PROGRESS, ConditionStatus.FALSE),
                cond(ConditionTypes.PREP_COMPLETED, ConditionStatus.TRUE)), prepDone);

        metrics.observed(idle);
        metrics.observed(idle, prepping);
        metrics.observed(prepping, prepped);
        metrics.observed(prepped, prepped); // a resync: nothing new

        String body = scrape();
        assertThat(Http.sample(body, "ibu_stage_transitions_total{from=\"Idle\",to=\"Prep\"}")).isEqualTo(1);
        assertThat(body).doesNotContain("to=\"Idle\"");
        assertThat(Http.sample(body, "ibu_stage{stage=\"Prep\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_stage{stage=\"Idle\"}")).isEqualTo(0);
        assertThat(Http.sample(body, "ibu_stage_duration_seconds_count{stage=\"Prep\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_stage_duration_seconds_sum{stage=\"Prep\"}")).isEqualTo(300);
        assertThat(Http.sample(body,
                "ibu_phase_duration_seconds_sum{phase=\"Stateroot\",stage=\"Prep\"}")).isEqualTo(90);
        assertThat(Http.sample(body,
                "ibu_phase_duration_seconds_count{phase=\"Stateroot\",stage=\"Prep\"}")).isEqualTo(1);
    }

    @Test
    void an_abort_back_to_idle_is_a_transition_to_idle() throws Exception {
        ImageBasedUpgrade prepFailed = ibu(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.FALSE),
                cond(ConditionTypes.PREP_COMPLETED, ConditionStatus.FALSE)), List.empty());
        ImageBasedUpgrade idle = ibu(Conditions.of(cond(ConditionTypes.IDLE, ConditionStatus.TRUE)), List.empty());

        metrics.observed(prepFailed, idle);

        assertThat(Http.sample(scrape(), "ibu_stage_transitions_total{from=\"Prep\",to=\"Idle\"}")).isEqualTo(1);
    }

    @Test
    void precache_and_velero_gauges_are_read_from_their_sources_at_scrape_time() throws Exception {
        assertThat(scrape()).doesNotContain("ibu_precache_images_pulled ").doesNotContain("ibu_oadp_backups{");
        metrics.watchPrecache(() -> Option.some(new PrecacheProgress(10, 7, 1)));
        metrics.watchVelero(new ReconcileMetrics.VeleroPhases() {
            @Override
            public Map<String, Integer> backups() {
                return Map.of("Completed", 2, "InProgress", 1);
            }

            @Override
            public Map<String, Integer> restores() {
                return Map.of("Failed", 1);
            }
        });

        String body = scrape();
        assertThat(Http.sample(body, "ibu_precache_images_planned")).isEqualTo(10);
        assertThat(Http.sample(body, "ibu_precache_images_pulled")).isEqualTo(7);
        assertThat(Http.sample(body, "ibu_precache_images_failed")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_oadp_backups{phase=\"Completed\"}")).isEqualTo(2);
        assertThat(Http.sample(body, "ibu_oadp_backups{phase=\"InProgress\"}")).isEqualTo(1);
        assertThat(Http.sample(body, "ibu_oadp_restores{phase=\"Failed\"}")).isEqualTo(1);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static Condition cond(String type, ConditionStatus status) {
        return new Condition(type, status, "Reason", "", 1, T0);
    }

    private static ImageBasedUpgrade ibu(Conditions c, List<StageHistory> history) {
        ImageBasedUpgrade fresh = ImageBasedUpgrade.fresh();
        return fresh.withStatus(fresh.status().withConditions(c).withHistory(history));
    }
}
