package dev.ibu.rehearsal.embedded;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Wraps the CRUD mock's dispatcher so that real kubectl can drive it (RECIPES-k8s-local.md): discovery whatever the
 * query string, a Table for {@code kubectl get ibu}, 415 for protobuf bodies, the query string stripped from
 * status writes (the mock drops them otherwise), and a 500 instead of an unanswered request when the mock throws.
 */
final class KubectlDispatcher extends Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(KubectlDispatcher.class);
    private static final String IBU_PATH = "/apis/" + ImageBasedUpgradeResource.GROUP + "/"
            + ImageBasedUpgradeResource.VERSION + "/" + ImageBasedUpgradeResource.PLURAL;

    private final Dispatcher crud;
    private final Map<String, String> docs;
    private final Clock clock;

    KubectlDispatcher(Dispatcher crud, Map<String, String> docs, Clock clock) {
        this.crud = crud;
        this.docs = Map.copyOf(docs);
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
        try {
            String path = r.getPath();
            int q = path.indexOf('?');
            String bare = q < 0 ? path : path.substring(0, q);
            boolean get = "GET".equals(r.getMethod());
            String contentType = r.getHeader("Content-Type");
            if (contentType != null && contentType.contains("protobuf")) {
                return status(415, "only JSON request bodies are supported: use 'kubectl create -f' instead of "
                        + "an imperative generator");
            }
            if (get && docs.containsKey(bare)) {
                return json(200, docs.get(bare));
            }
            if (get && (bare.startsWith("/openapi/") || bare.startsWith("/swagger"))) {
                return status(404, "not found");
            }
            if (!get && q >= 0 && bare.endsWith("/status")) {
                // ONLY for /status: stripping the query from DELETE ...?labelSelector= would delete everything
                r = new RecordedRequest(r.getHttpVersion(), r.method(), bare, r.getHeaders(), r.getBody());
            }
            if (get && wantsTable(r, bare, path)) {
                MockResponse plain = crud.dispatch(r);
                if (plain.code() != 200) {
                    return plain;
                }
                return json(200, IbuTable.fromJson(plain.getBody().readUtf8(), clock.instant()));
            }
            return crud.dispatch(r);
        } catch (RuntimeException e) {
            LOG.warn("embedded API server could not answer {} {}: {}", r.getMethod(), r.getPath(), e.toString());
            return status(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean wantsTable(RecordedRequest r, String bare, String path) {
        String accept = r.getHeader("Accept");
        return accept != null && accept.contains("as=Table") && !path.contains("watch=")
                && (bare.equals(IBU_PATH) || bare.startsWith(IBU_PATH + "/") && !bare.endsWith("/status"));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse status(int code, String message) {
        String body = io.fabric8.kubernetes.client.utils.Serialization.asJson(Map.of("kind", "Status",
                "apiVersion", "v1", "status", "Failure", "code", code, "message", message));
        return json(code, body);
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
