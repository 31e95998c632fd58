package dev.ibu.adapters.oadp.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import io.fabric8.mockwebserver.http.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Wraps the CRUD dispatcher with what a real API server does and the mock does not: dry-run requests are
 * answered without persisting (the mock would persist them), admission-style validation answers 422
 * {@code Invalid}, and injected faults answer an error for matching requests.
 */
public final class AdmissionDispatcher extends Dispatcher {
    private final Dispatcher crud;
    private final List<Function<GenericKubernetesResource, Optional<String>>> validators = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> dryRuns = new CopyOnWriteArrayList<>();

    public AdmissionDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    /** A rule returning a message makes creates of matching objects (dry-run or not) fail with 422 Invalid. */
    public void addValidator(Function<GenericKubernetesResource, Optional<String>> validator) {
        validators.add(validator);
    }

    /** Requests matching {@code when} are answered with {@code code} until the fault is removed. */
    public Fault inject(Predicate<Request> when, int code, String message) {
        Fault f = new Fault(when, code, message);
        faults.add(f);
        return f;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** "METHOD path" of every dry-run request seen, for tests that check a dry-run happened. */
    public List<String> dryRuns() {
        return List.copyOf(dryRuns);
    }

    @Override
    public MockResponse dispatch(RecordedRequest original) {
        try {
            // the body buffer can be read once: read it here and hand on a fresh copy
            String body = original.getBody() == null ? "" : original.getBody().readUtf8();
            RecordedRequest request = new RecordedRequest(original.getHttpVersion(), original.method(),
                    original.getPath(), original.getHeaders(), new Buffer(body.getBytes(StandardCharsets.UTF_8)));
            Request seen = new Request(request.getMethod(), request.getPath(), body);
            for (Fault f : faults) {
                if (f.when().test(seen)) {
                    return status(f.code(), reasonOf(f.code()), f.message());
                }
            }
            boolean dryRun = request.getPath().contains("dryRun=All");
            if (dryRun) {
                dryRuns.add(request.getMethod() + " " + request.getPath());
            }
            if (request.method() == HttpMethod.POST) {
                Optional<String> invalid = invalid(body);
                if (invalid.isPresent()) {
                    return status(422, "Invalid", invalid.get());
                }
            }
            if (dryRun) {
                return dryRun(seen);
            }
            return crud.dispatch(request);
        } catch (RuntimeException e) {
            // an escaping exception leaves the client waiting for ever
            return status(500, "InternalError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Optional<String> invalid(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        GenericKubernetesResource r = Serialization.unmarshal(body, GenericKubernetesResource.class);
        for (var v : validators) {
            Optional<String> m = v.apply(r);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private MockResponse dryRun(Request request) {
        String bare = request.path().substring(0, request.path().indexOf('?'));
        if ("POST".equals(request.method())) {
            GenericKubernetesResource r = Serialization.unmarshal(request.body(), GenericKubernetesResource.class);
            String name = r.getMetadata() == null ? null : r.getMetadata().getName();
            if (name != null && exists(bare + "/" + name)) {
                return status(409, "AlreadyExists", "\"" + name + "\" already exists");
            }
            return new MockResponse().setResponseCode(201).setBody(request.body());
        }
        if (exists(bare)) {
            return crud.dispatch(get(bare));
        }
        return status(404, "NotFound", bare + " not found");
    }

    private boolean exists(String path) {
        return crud.dispatch(get(path)).code() == 200;
    }

    private static RecordedRequest get(String path) {
        return new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                new io.fabric8.mockwebserver.http.Headers.Builder().build(),
                new Buffer());
    }

    private static String reasonOf(int code) {
        return switch (code) {
            case 404 -> "NotFound";
            case 409 -> "AlreadyExists";
            case 422 -> "Invalid";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
    }

    static MockResponse status(int code, String reason, String message) {
        Status s = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message).build();
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(s));
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    /** What fault predicates see of a request. */
    public record Request(String method, String path, String body) {
    }

    public record Fault(Predicate<Request> when, int code, String message) {
    }
}
