package dev.ibu.apiserver.admission;

import java.util.ArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural defaulting: a missing field with a {@code default} gets it; a null in a field that is not nullable is
 * replaced by its default, or dropped when it has none (apiextensions' PruneNonNullableNullsWithoutDefaults).
 */
final class Defaulter {
    private Defaulter() {
    }

    static void apply(JsonNode value, JsonNode schema) {
        if (schema == null || value == null) {
            return;
        }
        if (value instanceof ObjectNode o) {
            applyObject(o, schema);
        } else if (value.isArray()) {
            JsonNode items = Schemas.items(schema);
            value.forEach(item -> apply(item, items));
        }
    }

    private static void applyObject(ObjectNode o, JsonNode schema) {
        JsonNode props = schema.get("properties");
        if (props != null) {
            for (var entry : props.properties()) {
                String field = entry.getKey();
                JsonNode fieldSchema = entry.getValue();
                JsonNode current = o.get(field);
                boolean nullNotAllowed = current != null && current.isNull() && !Schemas.nullable(fieldSchema);
                if ((current == null || nullNotAllowed) && fieldSchema.has("default")) {
                    o.set(field, fieldSchema.get("default").deepCopy());
                } else if (nullNotAllowed) {
                    o.remove(field);
                }
            }
        }
        JsonNode additional = Schemas.additional(schema);
        for (String field : new ArrayList<>(o.propertyNames())) {
            JsonNode fieldSchema = Schemas.property(schema, field);
            apply(o.get(field), fieldSchema != null ? fieldSchema : additional);
        }
    }
}
