package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.auth.Tokens;
import dev.ibu.apiserver.discovery.Discovery;
import dev.ibu.apiserver.discovery.OpenApiV3;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP entry: authenticates, serves the non-resource documents (discovery, /version, OpenAPI v3, health), and
 * hands resource requests to {@link ResourceEndpoint}. Every failure is answered with a Status object; an unexpected
 * exception is a 500, never an unanswered request.
 */
public final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private final Tokens tokens;
    private final Discovery discovery;
    private final OpenApiV3 openApi;
    private final ResourceEndpoint resources;

    public Router(Tokens tokens, Discovery discovery, OpenApiV3 openApi, ResourceEndpoint resources) {
        this.tokens = tokens;
        this.discovery = discovery;
        this.openApi = openApi;
        this.resources = resources;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            ApiRequest request = read(ex);
            if (!serveDocument(ex, request)) {
                resources.handle(ex, request);
            }
        } catch (StatusError e) {
            Replies.status(ex, e);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            Replies.status(ex, StatusError.internal(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            // kube-apiserver's httplog: method, path, code (never bodies or tokens)
            LOG.debug("{} {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getResponseCode());
            ex.close();
        }
    }

    private ApiRequest read(HttpExchange ex) throws IOException {
        Identity identity = tokens.authenticate(Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")));
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), query(ex.getRequestURI().getRawQuery()),
                ex.getRequestHeaders(), body, identity);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    /** Discovery and friends: any caller may read them (system:discovery and system:public-info-viewer). */
    private boolean serveDocument(HttpExchange ex, ApiRequest r) throws IOException {
        if (!r.method().equals("GET")) {
            return false;
        }
        String path = r.path().replaceAll("/+$", "");
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            Replies.text(ex, 200, "ok");
            return true;
        }
        if (path.startsWith("/openapi/v3")) {
            Replies.json(ex, 200, openApi.document(path.substring("/openapi/v3".length())), java.util.List.of());
            return true;
        }
        Optional<JsonNode> doc = discovery.document(path);
        if (doc.isPresent()) {
            Replies.json(ex, 200, doc.get(), java.util.List.of());
            return true;
        }
        if (path.isEmpty() || path.startsWith("/openapi/v2") || path.startsWith("/swagger")) {
            throw StatusError.notFoundResource();
        }
        return false;
    }
}
