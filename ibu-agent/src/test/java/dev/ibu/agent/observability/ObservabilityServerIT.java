package dev.ibu.agent.observability;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityServerIT {
    private static InetSocketAddress anyLoopbackPort() throws Exception {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void healthz_is_200_at_once_and_readyz_is_503_until_the_controller_synced() throws Exception {
        Readiness readiness = new Readiness(false);
        try (ObservabilityServer server = ObservabilityServer.start(anyLoopbackPort(), readiness)) {
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> before = Http.get(server.port(), "/readyz");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).contains("has not synced");

            readiness.synced();

            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(200);
            readiness.notReady();
            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void with_leader_election_a_standby_waiting_for_the_lease_is_ready_and_a_leader_only_once_synced()
            throws Exception {
        Readiness readiness = new Readiness(true);
        try (ObservabilityServer server = ObservabilityServer.start(anyLoopbackPort(), readiness)) {
            assertThat(Http.get(server.port(), "/readyz").body()).contains("leader election has not started");
            readiness.waitingForLease();
            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(200);
            readiness.leading();
            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(503);
            readiness.synced();
            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_synced_controller_that_reports_a_problem_is_not_ready_and_says_why() throws Exception {
        Readiness readiness = new Readiness(false);
        String[] problem = {"the ImageBasedUpgrade informer is not watching: connection refused"};
        readiness.watchController(() -> java.util.Optional.ofNullable(problem[0]));
        readiness.synced();
        try (ObservabilityServer server = ObservabilityServer.start(anyLoopbackPort(), readiness)) {
            HttpResponse<String> r = Http.get(server.port(), "/readyz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("informer is not watching: connection refused");
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(200);

            problem[0] = null;

            assertThat(Http.get(server.port(), "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_probe_port_serves_no_metrics_and_other_paths_are_404() throws Exception {
        try (ObservabilityServer server = ObservabilityServer.start(anyLoopbackPort(), new Readiness(false))) {
            assertThat(Http.get(server.port(), "/metrics").statusCode()).as("metrics need authentication: not here")
                    .isEqualTo(404);
            assertThat(Http.get(server.port(), "/nope").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void plain_metrics_serve_the_registry_in_prometheus_text_on_loopback_only() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ReconcileMetrics metrics = new ReconcileMetrics(registry);
        metrics.reconciled(dev.ibu.ports.in.ReconcileResult.done("ok"), java.time.Duration.ofMillis(30));
        try (MetricsServer server = MetricsServer.plainOnLoopback(anyLoopbackPort(), registry)) {
            HttpResponse<String> r = Http.get(server.port(), "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/plain"));
            assertThat(Http.sample(r.body(), "ibu_reconciles_total")).isEqualTo(1.0);
            assertThat(Http.get(server.port(), "/nope").statusCode()).isEqualTo(404);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsServer.plainOnLoopback(
                new InetSocketAddress(0), registry)).hasMessageContaining("--metrics-address=127.0.0.1:8080");
    }
}
