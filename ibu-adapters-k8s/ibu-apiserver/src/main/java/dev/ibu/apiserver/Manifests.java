package dev.ibu.apiserver;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.rest.ResourceService;
import dev.ibu.apiserver.rest.WriteOptions;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads YAML documents (CRDs, RBAC, any object) into the server as an administrator would with {@code kubectl apply}:
 * created, or replaced when they exist; namespaced objects without a namespace go to the given default namespace,
 * which is created when missing. Objects pass the same admission as any request.
 */
final class Manifests {
    private final ResourceRegistry registry;
    private final ResourceService service;

    Manifests(ResourceRegistry registry, ResourceService service) {
        this.registry = registry;
        this.service = service;
    }

    List<ObjectNode> apply(InputStream yaml, String defaultNamespace) {
        List<ObjectNode> applied = new ArrayList<>();
        for (JsonNode doc : Json.yamlDocuments(yaml)) {
            applied.add(applyOne((ObjectNode) doc, defaultNamespace));
        }
        return applied;
    }

    private ObjectNode applyOne(ObjectNode doc, String defaultNamespace) {
        String apiVersion = doc.path("apiVersion").asString("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String kind = doc.path("kind").asString("");
        ResourceType t = registry.findKind(group, version, kind)
                .orElseThrow(() -> new IllegalArgumentException("no kind " + kind + " in " + apiVersion + " is served"));
        String ns = doc.path("metadata").path("namespace").asString(defaultNamespace);
        if (t.namespaced()) {
            ensureNamespace(ns);
        }
        String name = doc.path("metadata").path("name").asString("");
        try {
            return service.create(t, ns, doc, WriteOptions.defaults());
        } catch (StatusError e) {
            if (!e.reason().equals("AlreadyExists")) {
                throw e;
            }
            ObjectNode existing = service.get(t, ns, name);
            ObjectNode replacement = doc.deepCopy();
            ((ObjectNode) replacement.get("metadata")).put("resourceVersion", existing.path("metadata").path("resourceVersion").asString());
            return service.update(t, ns, name, replacement, false, WriteOptions.defaults());
        }
    }

    void ensureNamespace(String name) {
        ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        try {
            service.get(namespaces, "", name);
        } catch (StatusError e) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            service.create(namespaces, "", ns, WriteOptions.defaults());
        }
    }
}
