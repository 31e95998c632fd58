package dev.ibu.agent.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/**
 * {@code /metrics} on its own port, apart from the probes: over TLS with {@link MetricsAccess} deciding each request
 * (as controller-runtime's secure metrics server with its authentication and authorization filter), or, for local
 * use only, plain HTTP on a loopback address without authentication. The JDK's server and the Prometheus exporter's
 * own handler: no extra HTTP stack.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** TLS with {@code certificate}; every request is decided by {@code access}. */
    public static MetricsServer secure(InetSocketAddress address, PrometheusRegistry registry,
            ServingCertificate certificate, MetricsAccess access) throws IOException {
        SSLContext tls = certificate.sslContext();
        HttpsServer https = HttpsServer.create(address, 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                p.setApplicationProtocols(new String[] {"http/1.1"});
                params.setSSLParameters(p);
            }
        });
        return start(https, registry, access);
    }

    /** Plain HTTP without authentication: refused unless {@code address} is a loopback address. */
    public static MetricsServer plainOnLoopback(InetSocketAddress address, PrometheusRegistry registry)
            throws IOException {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--metrics-secure=false serves /metrics without TLS or authentication: "
                    + "only on a loopback address, e.g. --metrics-address=127.0.0.1:8080 (got " + address + ")");
        }
        return start(HttpServer.create(address, 16), registry, null);
    }

    private static MetricsServer start(HttpServer server, PrometheusRegistry registry, MetricsAccess access) {
        HttpHandler metrics = new MetricsHandler(registry);
        server.createContext("/metrics", ex -> {
            if (access != null) {
                MetricsAccess.Decision d = access.check(ex.getRequestHeaders().getFirst("Authorization"),
                        ex.getRequestMethod(), ex.getRequestURI().getPath());
                if (!d.allowed()) {
                    PlainHttp.reply(ex, d.status(), d.message() + "\n");
                    return;
                }
            }
            metrics.handle(ex);
        });
        server.createContext("/", ex -> PlainHttp.reply(ex, 404, "not found: use /metrics\n"));
        ExecutorService executor = PlainHttp.start(server, "ibu-metrics-http");
        return new MetricsServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }


    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
