package dev.ibu.agent.observability;

import dev.ibu.agent.controller.Controller;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything {@code run} needs for metrics and probes, in one place: one registry with the agent's {@code ibu_*}
 * families ({@link ReconcileMetrics}), controller-runtime's and client-go's ({@link ControllerRuntimeMetrics},
 * {@link WorkQueueMetrics}, {@link RestClientMetrics}, {@link LeaderElectionMetrics}) and the JVM and process ones
 * (the Prometheus client's {@link JvmMetrics}); a {@link Readiness}; the probe server ({@link ObservabilityServer})
 * and the metrics server ({@link MetricsServer}), each on its own port. Close it to stop the servers.
 */
public final class Observability implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ReconcileMetrics metrics = new ReconcileMetrics(registry);
    private final WorkQueueMetrics workQueue = new WorkQueueMetrics(registry);
    private final RestClientMetrics restClient = new RestClientMetrics(registry);
    private final LeaderElectionMetrics leaderElection = new LeaderElectionMetrics(registry);
    private final Readiness readiness;
    private ObservabilityServer probes;
    private MetricsServer metricsServer;

    private Observability(boolean leaderElection) {
        this.readiness = new Readiness(leaderElection);
        JvmMetrics.builder().register(registry);
    }

    /** {@code leaderElection}: whether readiness waits for the Lease too. Serves nothing yet. */
    public static Observability create(boolean leaderElection) {
        return new Observability(leaderElection);
    }

    /**
     * Starts serving the probes on {@code address} (e.g. {@code new InetSocketAddress(8081)}; port 0: any free port).
     * {@code leaderElection}: whether readiness waits for the Lease too.
     */
    public static Observability start(InetSocketAddress address, boolean leaderElection) throws IOException {
        Observability o = new Observability(leaderElection);
        o.serveProbes(address);
        return o;
    }

    /** Serves /healthz and /readyz on {@code address}, without authentication (the kubelet probes them). */
    public synchronized void serveProbes(InetSocketAddress address) throws IOException {
        if (probes != null) {
            throw new IllegalStateException("the probes are already served on port " + probes.port());
        }
        probes = ObservabilityServer.start(address, readiness);
    }

    /**
     * Serves /metrics as {@code serving} says: TLS from its certificate directory with TokenReview and
     * SubjectAccessReview through {@code client}, or plain HTTP on loopback.
     */
    public synchronized void serveMetrics(MetricsServing serving, KubernetesClient client) throws IOException {
        if (metricsServer != null) {
            throw new IllegalStateException("the metrics are already served on port " + metricsServer.port());
        }
        metricsServer = serving.secure()
                ? MetricsServer.secure(serving.address(), registry, ServingCertificate.load(serving.certDir(),
                        Duration.ofSeconds(10)), new MetricsAccess(client))
                : MetricsServer.plainOnLoopback(serving.address(), registry);
    }

    /** Instruments {@code controller}: its work queue's metrics and its health in /readyz. Call before start. */
    public void watch(Controller controller) {
        controller.instrument(workQueue);
        workQueue.watch(controller::queueStats);
        readiness.watchController(controller::problem);
    }

    /** The interceptor that counts the client's requests (rest_client_requests_total). */
    public RestClientMetrics restClient() {
        return restClient;
    }

    /** What to call with each change of leadership of {@code lease} (leader_election_master_status). */
    public Consumer<Boolean> leaderStatus(String lease) {
        return leaderElection.lease(lease);
    }

    public ReconcileMetrics metrics() {
        return metrics;
    }

    public WorkQueueMetrics workQueue() {
        return workQueue;
    }

    public Readiness readiness() {
        return readiness;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The probes' port (the one chosen when started with port 0). */
    public synchronized int port() {
        if (probes == null) {
            throw new IllegalStateException("the probes are not served");
        }
        return probes.port();
    }

    /** The metrics' port (the one chosen when started with port 0). */
    public synchronized int metricsPort() {
        if (metricsServer == null) {
            throw new IllegalStateException("the metrics are not served");
        }
        return metricsServer.port();
    }

    /** Reads precache progress from {@code precache} at scrape time (no samples when it has none or fails). */
    public void watchPrecache(PrecachePort precache) {
        metrics.watchPrecache(() -> precache.status().toOption().flatMap(PrecacheStatus::progress));
    }

    @Override
    public synchronized void close() {
        if (probes != null) {
            probes.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
    }
}
