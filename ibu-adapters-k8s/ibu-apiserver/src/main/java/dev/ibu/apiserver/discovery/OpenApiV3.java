package dev.ibu.apiserver.discovery;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAPI v3: the index at /openapi/v3 (with content hashes, which kubectl caches by) and one document per
 * group-version: a CRD's schema with its descriptions (for {@code kubectl explain}), a bare object schema for the
 * built-in kinds, and for every kind a path whose operations take {@code fieldValidation}, so kubectl leaves
 * field validation to the server.
 */
public final class OpenApiV3 {
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private final ResourceRegistry registry;
    private final Discovery discovery;

    public OpenApiV3(ResourceRegistry registry, Discovery discovery) {
        this.registry = registry;
        this.discovery = discovery;
    }

    public JsonNode document(String rest) {
        String path = rest.replaceAll("^/+|/+$", "");
        if (path.isEmpty()) {
            ObjectNode index = Json.object();
            ObjectNode paths = index.putObject("paths");
            for (String gv : discovery.groupVersionPaths()) {
                paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash(groupVersion(gv)));
            }
            return index;
        }
        if (!discovery.groupVersionPaths().contains(path)) {
            throw StatusError.notFoundResource();
        }
        return groupVersion(path);
    }

    private ObjectNode groupVersion(String gvPath) {
        String[] s = gvPath.split("/");
        String group = s[0].equals("api") ? "" : s[1];
        String version = s[s.length - 1];
        ObjectNode doc = Json.object().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", Discovery.GIT_VERSION);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        schemas.set(OBJECT_META, objectMeta());
        for (ResourceType t : registry.inGroupVersion(group, version)) {
            String id = schemaId(t);
            schemas.set(id, schema(t));
            String base = "/" + gvPath + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
            ObjectNode item = paths.putObject(base + "/{name}");
            item.set("get", operation(t, id, "read"));
            item.set("put", operation(t, id, "replace"));
            item.set("patch", operation(t, id, "patch"));
            item.set("delete", operation(t, id, "delete"));
            ObjectNode collection = paths.putObject(base);
            collection.set("get", operation(t, id, "list"));
            collection.set("post", operation(t, id, "create"));
        }
        return doc;
    }

    static String schemaId(ResourceType t) {
        if (t.custom().isPresent()) {
            String[] parts = t.group().split("\\.");
            StringBuilder b = new StringBuilder();
            for (int i = parts.length - 1; i >= 0; i--) {
                b.append(parts[i]).append('.');
            }
            return b + t.version() + "." + t.kind();
        }
        String g = t.group().isEmpty() ? "core" : t.group().replace(".k8s.io", "").replace(".", "");
        return "io.k8s.api." + g + "." + t.version() + "." + t.kind();
    }

    private static ObjectNode operation(ResourceType t, String id, String action) {
        ObjectNode op = Json.object().put("operationId", action + t.kind());
        op.putObject("x-kubernetes-group-version-kind").put("group", t.group()).put("version", t.version()).put("kind", t.kind());
        ArrayNode params = op.putArray("parameters");
        params.addObject().put("name", "fieldValidation").put("in", "query").putObject("schema").put("type", "string");
        params.addObject().put("name", "dryRun").put("in", "query").putObject("schema").put("type", "string");
        op.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + id);
        return op;
    }

    private static ObjectNode schema(ResourceType t) {
        ObjectNode schema = t.custom().isPresent()
                ? (ObjectNode) t.custom().get().openApiV3Schema().deepCopy()
                : Json.object().put("type", "object").put("description", t.kind() + " (fields not described by this server)")
                        .put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode props = Json.with(schema, "properties");
        props.putObject("apiVersion").put("type", "string").put("description", "APIVersion defines the versioned schema of "
                + "this representation of an object. Servers should convert recognized schemas to the latest internal value, "
                + "and may reject unrecognized values.");
        props.putObject("kind").put("type", "string").put("description", "Kind is a string value representing the REST "
                + "resource this object represents. Servers may infer this from the endpoint the client submits requests to.");
        ObjectNode meta = props.putObject("metadata").put("description", "Standard object's metadata.");
        meta.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + OBJECT_META);
        schema.putArray("x-kubernetes-group-version-kind").addObject()
                .put("group", t.group()).put("kind", t.kind()).put("version", t.version());
        return schema;
    }

    private static ObjectNode objectMeta() {
        ObjectNode meta = Json.object().put("type", "object").put("description", "ObjectMeta is metadata that all persisted "
                + "resources must have, which includes all objects users must create.");
        ObjectNode p = meta.putObject("properties");
        for (String f : new String[] {"name", "namespace", "generateName", "uid", "resourceVersion", "creationTimestamp",
                "deletionTimestamp"}) {
            p.putObject(f).put("type", "string");
        }
        p.putObject("generation").put("type", "integer").put("format", "int64");
        p.putObject("labels").put("type", "object").putObject("additionalProperties").put("type", "string");
        p.putObject("annotations").put("type", "object").putObject("additionalProperties").put("type", "string");
        p.putObject("finalizers").put("type", "array").putObject("items").put("type", "string");
        return meta;
    }

    private static String hash(JsonNode doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.string(doc).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
