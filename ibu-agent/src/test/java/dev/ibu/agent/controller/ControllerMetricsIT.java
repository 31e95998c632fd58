package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.agent.observability.MeteredUseCase;
import dev.ibu.agent.observability.MetricsServing;
import dev.ibu.agent.observability.Observability;
import dev.ibu.agent.observability.RestClientMetrics;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of a running controller as cluster tooling expects them: controller-runtime's reconcile and workqueue
 * families, client-go's REST client and leader election ones, the JVM and process ones, next to the ibu_* ones.
 */
class ControllerMetricsIT {
    private static final String CTRL = "controller=\"imagebasedupgrade\"";
    private final MockApi api = new MockApi();
    private Observability obs;
    private KubernetesClient client;
    private Controller controller;
    private LeaderElection.Campaign campaign;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (campaign != null) {
            campaign.stepDown();
        }
        if (client != null) {
            client.close();
        }
        if (obs != null) {
            obs.close();
        }
        api.close();
    }

    @Test
    void a_running_controller_exports_controller_runtime_client_go_jvm_and_ibu_families() throws Exception {
        obs = Observability.create(true);
        obs.serveMetrics(new MetricsServing(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, null),
                null);
        RestClientMetrics rest = obs.restClient();
        client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(api.client().getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(RestClientMetrics.NAME, rest)).build();
        TestWorld w = TestWorld.fresh();
        EnginePorts ports = new EnginePorts(new IbuResourceAdapter(client), new ConfigMapAdapter(client),
                new PullSecretAdapter(client, EngineSettings.DEFAULT_NAMESPACE), w.cluster(), w.cluster(),
                w.cluster(), w.velero(), w.registry(), w.host(), w.precache(), w.host(), w.host(), w.host(),
                w.cluster(), w.clock());
        controller = new Controller(client, new MeteredUseCase(new UpgradeEngine(ports), obs.metrics(),
                obs.readiness()), new Controller.Settings(Duration.ofMinutes(10), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(10)), r -> { });
        obs.watch(controller);
        campaign = LeaderElection.runWhenLeader(client, "ibu-test", "agent-a", LeaderElection.Timings.SNO,
                controller::start, () -> { }, obs.leaderStatus(LeaderElection.LEASE));

        Eventually.until("two reconciles counted", () -> sample(scrape(),
                "controller_runtime_reconcile_total{" + CTRL + ",result=\"success\"}") >= 1);
        String body = scrape();

        assertThat(sample(body, "controller_runtime_reconcile_total{" + CTRL + ",result=\"error\"}")).isZero();
        assertThat(sample(body, "controller_runtime_reconcile_errors_total{" + CTRL + "}")).isZero();
        assertThat(sample(body, "controller_runtime_reconcile_time_seconds_count{" + CTRL + "}")).isPositive();
        assertThat(body).contains("# TYPE controller_runtime_reconcile_time_seconds histogram")
                .contains("controller_runtime_reconcile_time_seconds_bucket{" + CTRL + ",le=\"0.005\"}");
        assertThat(sample(body, "controller_runtime_max_concurrent_reconciles{" + CTRL + "}")).isEqualTo(1);
        assertThat(sample(body, "controller_runtime_active_workers{" + CTRL + "}")).isBetween(0.0, 1.0);
        String wq = "{" + CTRL + ",name=\"imagebasedupgrade\"}";
        assertThat(sample(body, "workqueue_adds_total" + wq)).isPositive();
        assertThat(sample(body, "workqueue_depth" + wq)).isGreaterThanOrEqualTo(0);
        assertThat(sample(body, "workqueue_retries_total" + wq)).isZero();
        assertThat(sample(body, "workqueue_queue_duration_seconds_count" + wq)).isPositive();
        assertThat(sample(body, "workqueue_work_duration_seconds_count" + wq)).isPositive();
        assertThat(sample(body, "workqueue_unfinished_work_seconds" + wq)).isGreaterThanOrEqualTo(0);
        assertThat(sample(body, "workqueue_longest_running_processor_seconds" + wq)).isGreaterThanOrEqualTo(0);
        assertThat(sample(body, "rest_client_requests_total{code=\"200\",host=\"127.0.0.1:" + api.port()
                + "\",method=\"GET\"}")).isPositive();
        assertThat(sample(body, "rest_client_requests_total{code=\"201\",host=\"127.0.0.1:" + api.port()
                + "\",method=\"POST\"}")).as("the Lease and the IBU created").isPositive();
        assertThat(sample(body, "leader_election_master_status{name=\"ibu-agent-leader\"}")).isEqualTo(1);
        assertThat(sample(body, "process_cpu_seconds_total")).isPositive();
        assertThat(sample(body, "process_start_time_seconds")).isPositive();
        assertThat(body).contains("jvm_memory_used_bytes{area=\"heap\"}").contains("jvm_threads_current");
        assertThat(sample(body, "ibu_reconciles_total")).isPositive();

        controller.close();
        campaign.stepDown();
        assertThat(sample(scrape(), "leader_election_master_status{name=\"ibu-agent-leader\"}")).isZero();
    }

    private String scrape() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + obs.metricsPort() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code name{labels}} (labels in the exposition's sorted order). */
    private static double sample(String body, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no sample " + nameAndLabels + " in:\n" + body);
        }
        return Double.parseDouble(m.group(1));
    }
}
