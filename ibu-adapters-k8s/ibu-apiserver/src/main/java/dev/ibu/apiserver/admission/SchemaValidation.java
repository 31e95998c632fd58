package dev.ibu.apiserver.admission;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.ibu.apiserver.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.ibu.apiserver.json.Json;

/**
 * OpenAPI v3 structural-schema validation of a custom resource with networknt's JSON-schema validator (draft 4, the
 * dialect OpenAPI 3.0 schemas are written in), its errors reworded as the API server words them
 * ({@link SchemaErrorWording}).
 */
final class SchemaValidation {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final JsonNode original;
    private final Schema schema;

    SchemaValidation(JsonNode openApiV3Schema) {
        this.original = openApiV3Schema;
        this.schema = REGISTRY.getSchema(translate(openApiV3Schema.deepCopy()));
    }

    List<FieldError> validate(JsonNode object) {
        List<Keyed> keyed = new ArrayList<>();
        for (Error e : schema.validate(withoutMetadata(object))) {
            List<Object> path = elements(e.getInstanceLocation());
            List<Object> key = new ArrayList<>(path);
            if ("required".equals(e.getKeyword())) {
                key.add(REQUIRED_FIRST);
            }
            keyed.add(new Keyed(key, SchemaErrorWording.toFieldError(e, path, schemaAt(path))));
        }
        keyed.sort((a, b) -> compare(a.key(), b.key()));
        return keyed.stream().map(Keyed::error).toList();
    }

    /** kube-openapi reports an object's missing required fields before the errors inside its properties. */
    private static final String REQUIRED_FIRST = "";

    private record Keyed(List<Object> key, FieldError error) {
    }

    private static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x instanceof Integer xi && y instanceof Integer yi ? Integer.compare(xi, yi) : String.valueOf(x).compareTo(String.valueOf(y));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** metadata is validated by the server's own ObjectMeta rules, not by the CRD's schema. */
    private static JsonNode withoutMetadata(JsonNode object) {
        if (object instanceof ObjectNode o && o.has("metadata")) {
            ObjectNode copy = o.deepCopy();
            copy.remove("metadata");
            return copy;
        }
        return object;
    }

    private static List<Object> elements(NodePath path) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.add(path.getElement(i));
        }
        return out;
    }

    /** The original (untranslated) schema of the node at an instance path. */
    private JsonNode schemaAt(List<Object> path) {
        JsonNode at = original;
        for (Object p : path) {
            if (at == null) {
                return null;
            }
            if (p instanceof Integer) {
                at = Schemas.items(at);
            } else {
                JsonNode prop = Schemas.property(at, String.valueOf(p));
                at = prop != null ? prop : Schemas.additional(at);
            }
        }
        return at;
    }

    /** OpenAPI's nullable and int-or-string become JSON-schema types; Kubernetes' own keywords are left aside. */
    private static JsonNode translate(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("nullable").asBoolean(false) && o.has("type") && o.get("type").isString()) {
                ArrayNode types = Json.array().add(o.get("type").stringValue()).add("null");
                o.set("type", types);
            }
            if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
                o.remove("type");
            }
            o.remove("nullable");
            for (String field : new ArrayList<>(o.propertyNames())) {
                if (field.startsWith("x-kubernetes-") || field.equals("description") || field.equals("example")) {
                    o.remove(field);
                } else {
                    translate(o.get(field));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SchemaValidation::translate);
        }
        return node;
    }
}
