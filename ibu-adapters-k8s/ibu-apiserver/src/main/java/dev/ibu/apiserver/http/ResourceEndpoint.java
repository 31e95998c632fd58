package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.ibu.apiserver.AuditEvent;
import dev.ibu.apiserver.Fault;
import dev.ibu.apiserver.Hooks;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.auth.Attributes;
import dev.ibu.apiserver.auth.RbacAuthorizer;
import dev.ibu.apiserver.discovery.Tables;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.rest.Deleter;
import dev.ibu.apiserver.rest.ListOptions;
import dev.ibu.apiserver.rest.ResourceService;
import dev.ibu.apiserver.rest.WriteOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Resource requests: resolve the type, name the verb, authorize, then get/list/watch/create/update/patch/delete. */
public final class ResourceEndpoint {
    private static final List<String> BODY_TYPES = List.of("application/json", "application/yaml");
    private final ResourceRegistry registry;
    private final RbacAuthorizer authorizer;
    private final ResourceService service;
    private final WatchStreamer watches;
    private final Tables tables;
    private final Hooks hooks;
    private final dev.ibu.apiserver.auth.Tokens tokens;

    public ResourceEndpoint(ResourceRegistry registry, RbacAuthorizer authorizer, ResourceService service,
                            WatchStreamer watches, Tables tables, Hooks hooks, dev.ibu.apiserver.auth.Tokens tokens) {
        this.hooks = hooks;
        this.tokens = tokens;
        this.registry = registry;
        this.authorizer = authorizer;
        this.service = service;
        this.watches = watches;
        this.tables = tables;
    }

    void handle(HttpExchange ex, ApiRequest r) throws IOException {
        ResourcePath p = ResourcePath.parse(r.path()).orElseThrow(StatusError::notFoundResource);
        ResourceType t = registry.find(p.group(), p.version(), p.resource()).orElseThrow(StatusError::notFoundResource);
        if (!p.subresource().isEmpty() && !(p.subresource().equals("status") && t.statusSubresource())) {
            throw StatusError.notFoundResource();
        }
        if (!t.namespaced() && !p.namespace().isEmpty()) {
            throw StatusError.notFoundResource();
        }
        String verb = verb(r, p);
        if (AccessReviews.handles(t)) {
            AccessReviews.review(ex, r, verb, r.header("Content-Type").orElse("").contains("protobuf")
                    ? AccessReviewProtobuf.decode(r.body()) : body(r), authorizer); // system:basic-user lets everyone ask
            return;
        }
        String authzNamespace = p.namespace().isEmpty() && t.plural().equals("namespaces") && t.group().isEmpty() ? p.name() : p.namespace();
        Attributes attributes = new Attributes(r.identity(), verb, t.group(), t.plural(), p.subresource(), authzNamespace, p.name());
        AuditEvent event = new AuditEvent(r.identity(), verb, t.group(), t.version(), t.plural(), p.subresource(), authzNamespace,
                p.name(), authorizer.allows(attributes), r.method(), r.path(), r.query(), r.body());
        hooks.audit(event);
        authorizer.authorize(attributes);
        Optional<Fault> fault = hooks.fault(event);
        if (fault.isPresent()) {
            answer(ex, fault.get());
            return;
        }
        if (DelegatedReviews.handles(t)) {
            DelegatedReviews.review(ex, verb, t, body(r), tokens, authorizer);
            return;
        }
        dispatch(ex, r, p, t, verb);
    }

    private static void answer(HttpExchange ex, Fault f) throws IOException {
        if (f.body() != null) {
            Replies.json(ex, f.code(), Json.parse(f.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of());
        } else {
            Replies.status(ex, StatusError.of(f.code(), f.reason(), f.message()));
        }
    }

    private static String verb(ApiRequest r, ResourcePath p) {
        boolean watch = p.legacyWatch() || "true".equals(r.param("watch")) || "1".equals(r.param("watch"));
        return switch (r.method()) {
            case "GET" -> watch ? "watch" : p.hasName() ? "get" : "list";
            case "POST" -> {
                if (p.hasName()) {
                    throw StatusError.methodNotAllowed();
                }
                yield "create";
            }
            case "PUT" -> named(p, "update");
            case "PATCH" -> named(p, "patch");
            case "DELETE" -> p.hasName() ? "delete" : "deletecollection";
            default -> throw StatusError.methodNotAllowed();
        };
    }

    private static String named(ResourcePath p, String verb) {
        if (!p.hasName()) {
            throw StatusError.methodNotAllowed();
        }
        return verb;
    }

    private void dispatch(HttpExchange ex, ApiRequest r, ResourcePath p, ResourceType t, String verb) throws IOException {
        WriteOptions write = new WriteOptions(r.dryRun(), r.param("fieldValidation"), new ArrayList<>());
        boolean status = p.subresource().equals("status");
        switch (verb) {
            case "watch" -> watches.stream(ex, r, t, p.namespace(), p.name());
            case "get" -> reply(ex, r, t, 200, service.get(t, p.namespace(), p.name()), write);
            case "list" -> reply(ex, r, t, 200, service.list(t, p.namespace(), listOptions(r)), write);
            case "create" -> reply(ex, r, t, 201, service.create(t, p.namespace(), body(r), write), write);
            case "update" -> reply(ex, r, t, 200, service.update(t, p.namespace(), p.name(), body(r), status, write), write);
            case "patch" -> reply(ex, r, t, 200, service.patch(t, p.namespace(), p.name(),
                    r.header("Content-Type").orElse(""), r.body(), status, write), write);
            case "delete" -> {
                Deleter.Deleted d = service.delete(t, p.namespace(), p.name(), r.body().length == 0 ? null : body(r), write);
                reply(ex, r, t, d.immediate() ? 200 : 202, d.object(), write);
            }
            default -> reply(ex, r, t, 200, service.deleteCollection(t, p.namespace(), listOptions(r), write), write);
        }
    }

    private void reply(HttpExchange ex, ApiRequest r, ResourceType t, int code, ObjectNode body, WriteOptions write)
            throws IOException {
        JsonNode out = r.wantsTable() && r.method().equals("GET") ? tables.table(t, body, r.param("includeObject")) : body;
        Replies.json(ex, code, out, write.warnings());
    }

    static ListOptions listOptions(ApiRequest r) {
        long limit = r.param("limit").isEmpty() ? 0 : Long.parseLong(r.param("limit"));
        return new ListOptions(r.param("labelSelector"), r.param("fieldSelector"), limit, r.param("continue"));
    }

    private static JsonNode body(ApiRequest r) {
        String type = r.header("Content-Type").orElse("application/json").split(";")[0].trim();
        try {
            if (type.equals("application/yaml")) {
                return Json.YAML.readTree(r.body());
            }
            if (type.equals("application/json") || type.isEmpty()) {
                return Json.parse(r.body());
            }
        } catch (JacksonException e) {
            throw StatusError.badRequest("couldn't get version/kind; json parse error: " + e.getOriginalMessage());
        }
        throw StatusError.unsupportedMediaType(type, BODY_TYPES);
    }
}
