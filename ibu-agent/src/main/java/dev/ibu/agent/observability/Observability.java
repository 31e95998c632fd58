package dev.ibu.agent.observability;

import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Everything {@code run} needs for metrics and probes, in one place: a registry with {@link ReconcileMetrics}, a
 * {@link Readiness} and the {@link ObservabilityServer}. Close it to stop the server.
 */
public final class Observability implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ReconcileMetrics metrics = new ReconcileMetrics(registry);
    private final Readiness readiness;
    private final ObservabilityServer server;

    private Observability(boolean leaderElection, InetSocketAddress address) throws IOException {
        this.readiness = new Readiness(leaderElection);
        this.server = ObservabilityServer.start(address, registry, readiness);
    }

    /**
     * Starts serving on {@code address} (e.g. {@code new InetSocketAddress(8081)}; port 0: any free port).
     * {@code leaderElection}: whether readiness waits for the Lease too.
     */
    public static Observability start(InetSocketAddress address, boolean leaderElection) throws IOException {
        return new Observability(leaderElection, address);
    }

    public ReconcileMetrics metrics() {
        return metrics;
    }

    public Readiness readiness() {
        return readiness;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public int port() {
        return server.port();
    }

    /** Reads precache progress from {@code precache} at scrape time (no samples when it has none or fails). */
    public void watchPrecache(PrecachePort precache) {
        metrics.watchPrecache(() -> precache.status().toOption().flatMap(PrecacheStatus::progress));
    }

    @Override
    public void close() {
        server.close();
    }
}
