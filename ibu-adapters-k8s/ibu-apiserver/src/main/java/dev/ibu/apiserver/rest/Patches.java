package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.json.MergePatch;
import dev.ibu.apiserver.json.StrategicMergePatch;
import dev.ibu.apiserver.registry.ResourceType;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies a PATCH body by its content type: JSON patch (RFC 6902), merge patch (RFC 7386), strategic merge patch. */
final class Patches {
    static final String JSON = "application/json-patch+json";
    static final String MERGE = "application/merge-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";

    private Patches() {
    }

    static ObjectNode apply(ResourceType t, String contentType, byte[] body, ObjectNode current) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!accepted(t).contains(type)) {
            throw StatusError.unsupportedMediaType(type, accepted(t));
        }
        JsonNode patch;
        try {
            patch = Json.parse(body);
        } catch (JacksonException e) {
            throw StatusError.badRequest("error decoding patch: " + e.getOriginalMessage());
        }
        JsonNode result;
        try {
            result = switch (type) {
                case JSON -> JsonPatch.apply(patch, current);
                case STRATEGIC -> StrategicMergePatch.apply(current, patch);
                default -> MergePatch.apply(current, patch);
            };
        } catch (JsonPatchException | IllegalArgumentException e) {
            throw StatusError.unprocessable("the server rejected our request due to an error in our request: " + e.getMessage());
        }
        if (!result.isObject()) {
            throw StatusError.badRequest("the patch did not result in an object");
        }
        return (ObjectNode) result;
    }

    /** Server-side apply is not served; custom resources take no strategic merge patch (as on a real server). */
    static List<String> accepted(ResourceType t) {
        List<String> types = new ArrayList<>(List.of(JSON, MERGE));
        if (t.custom().isEmpty()) {
            types.add(STRATEGIC);
        }
        return types;
    }
}
