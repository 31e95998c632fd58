package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The object in a create or update body, refused as the API server's decoder refuses it. */
final class RequestBody {
    private RequestBody() {
    }

    static ObjectNode object(ResourceType t, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw StatusError.badRequest("Object 'Kind' is missing in '" + (body == null ? "" : Json.string(body)) + "'");
        }
        ObjectNode obj = (ObjectNode) body.deepCopy();
        String kind = obj.path("kind").asString("");
        String apiVersion = obj.path("apiVersion").asString("");
        if (kind.isEmpty()) {
            throw StatusError.badRequest("Object 'Kind' is missing in '" + Json.string(body) + "'");
        }
        if (!apiVersion.isEmpty() && !apiVersion.equals(t.apiVersion())) {
            throw StatusError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + t.apiVersion() + ")");
        }
        if (!kind.equals(t.kind())) {
            throw StatusError.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + t.kind() + ")");
        }
        if (obj.has("metadata") && !obj.get("metadata").isObject()) {
            throw BuiltinDecoding.cannotHandle(t, "json: cannot unmarshal " + Json.typeName(obj.get("metadata"))
                    + " into Go struct field " + t.kind() + ".metadata of type v1.ObjectMeta");
        }
        Meta.of(obj);
        BuiltinDecoding.check(t, obj);
        return obj;
    }
}
