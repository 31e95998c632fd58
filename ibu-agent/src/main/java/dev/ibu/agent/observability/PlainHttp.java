package dev.ibu.agent.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the probe server and the metrics server share: a small daemon executor and plain-text answers. */
final class PlainHttp {
    private PlainHttp() {
    }

    /** Starts {@code server} on two daemon threads named {@code threadName}; the caller shuts the executor down. */
    static ExecutorService start(HttpServer server, String threadName) {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return executor;
    }

    /** A text/plain answer; a HEAD request gets the status and headers only. */
    static void reply(HttpExchange ex, int code, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(code, -1);
                return;
            }
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
