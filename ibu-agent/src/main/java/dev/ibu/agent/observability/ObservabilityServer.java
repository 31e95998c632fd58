package dev.ibu.agent.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/**
 * The kubelet's probes on their own port, without authentication: {@code /healthz} (200 while the process serves)
 * and {@code /readyz} (200 when {@link Readiness} says so, else 503 with the reason). Metrics are served apart, with
 * authentication ({@link MetricsServer}). The JDK's server: no extra HTTP stack in the agent.
 */
public final class ObservabilityServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0: any free port) and starts serving. */
    public static ObservabilityServer start(InetSocketAddress address, Readiness readiness) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/healthz", ex -> PlainHttp.reply(ex, 200, "ok\n"));
        server.createContext("/readyz", ex -> {
            String why = readiness.reason();
            PlainHttp.reply(ex, why.isEmpty() ? 200 : 503, why.isEmpty() ? "ok\n" : "not ready: " + why + "\n");
        });
        server.createContext("/", ex -> PlainHttp.reply(ex, 404, "not found: use /healthz or /readyz (metrics are served on "
                + "--metrics-address)\n"));
        ExecutorService executor = PlainHttp.start(server, "ibu-http");
        return new ObservabilityServer(server, executor);
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }


    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
