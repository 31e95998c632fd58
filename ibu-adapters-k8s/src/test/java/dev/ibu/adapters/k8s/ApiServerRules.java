package dev.ibu.adapters.k8s;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Wraps the CRUD dispatcher to add two API server rules the mock lacks, so that contract tests see real semantics
 * (and production code never leans on the mock's leniency): a {@code PUT .../status} whose resourceVersion is not
 * the stored one gets 409, and a {@code dryRun=All} write is answered without being stored.
 */
public final class ApiServerRules extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Dispatcher crud;

    public ApiServerRules(Dispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            String path = request.getPath();
            int q = path.indexOf('?');
            String bare = q < 0 ? path : path.substring(0, q);
            String query = q < 0 ? "" : path.substring(q + 1);
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
            RecordedRequest replay = new RecordedRequest(request.getHttpVersion(), request.method(), path,
                    request.getHeaders(), new Buffer(body));
            if (query.contains("dryRun=All") && ("POST".equals(request.getMethod())
                    || "PUT".equals(request.getMethod()))) {
                return json("POST".equals(request.getMethod()) ? 201 : 200, new String(body, StandardCharsets.UTF_8));
            }
            if ("PUT".equals(request.getMethod()) && bare.endsWith("/status")) {
                String sent = resourceVersion(new String(body, StandardCharsets.UTF_8));
                String stored = storedResourceVersion(request, bare.substring(0, bare.length() - "/status".length()));
                if (stored != null && sent != null && !sent.equals(stored)) {
                    return json(409, MockApi.status(409, "Conflict", "Operation cannot be fulfilled: the object has "
                            + "been modified; please apply your changes to the latest version and try again"));
                }
            }
            return crud.dispatch(replay);
        } catch (RuntimeException e) {
            // an exception escaping a dispatcher leaves the client waiting for an answer
            return json(500, MockApi.status(500, "InternalError", e.toString()));
        }
    }

    private String storedResourceVersion(RecordedRequest request, String objectPath) {
        MockResponse current = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
                objectPath, request.getHeaders(), new Buffer()));
        return current.code() == 200 ? resourceVersion(current.getBody().readUtf8()) : null;
    }

    private static String resourceVersion(String json) {
        JsonNode rv = JSON.readTree(json).path("metadata").path("resourceVersion");
        return rv.isMissingNode() || rv.isNull() ? null : rv.asString();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }

}
