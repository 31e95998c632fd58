package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The listener: the JDK's own HTTP server on the loopback address (http, or https with the given context). It gives
 * chunked responses for watches and one thread per in-flight request from a cached pool, which long watches need.
 */
public final class HttpFront implements AutoCloseable {
    static {
        // the JDK server writes a response's headers and body apart; without TCP_NODELAY Nagle holds the body back
        // until the client's delayed ACK (~40 ms a request on Linux loopback). Read once, when its config loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;

    private HttpFront(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    public static HttpFront start(int port, Optional<SSLContext> tls, HttpHandler handler) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ibu-apiserver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server;
            if (tls.isPresent()) {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
                server = https;
            } else {
                server = HttpServer.create(address, 64);
            }
            server.createContext("/", handler);
            server.setExecutor(pool);
            server.start();
            return new HttpFront(server, pool);
        } catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
