package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing an object's metadata. */
public final class Meta {
    private Meta() {
    }

    public static ObjectNode of(ObjectNode object) {
        return Json.with(object, "metadata");
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asString("");
    }

    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asString("");
    }

    public static String resourceVersion(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asString("");
    }

    public static boolean deleting(JsonNode object) {
        return object.path("metadata").has("deletionTimestamp");
    }

    public static boolean hasFinalizers(JsonNode object) {
        return object.path("metadata").path("finalizers").size() > 0;
    }

    /** A timestamp as the API server writes one: RFC 3339 in UTC, whole seconds. */
    public static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The object without metadata (and without status, when asked): what a generation bump compares. */
    public static JsonNode content(JsonNode object, boolean withoutStatus) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        copy.remove("metadata");
        copy.remove("apiVersion");
        copy.remove("kind");
        if (withoutStatus) {
            copy.remove("status");
        }
        return copy;
    }
}
