package dev.ibu.apiserver.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural pruning as the API server does it for custom resources: fields the schema does not declare are dropped,
 * unless a node says {@code x-kubernetes-preserve-unknown-fields}. apiVersion, kind and metadata of the object (and
 * of embedded resources) are kept whatever the schema says of them (ObjectMeta is the server's own). Returns the paths dropped, for warnings or strict field validation.
 */
final class Pruner {
    private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private Pruner() {
    }

    static List<String> prune(ObjectNode object, JsonNode schema) {
        List<String> pruned = new ArrayList<>();
        pruneObject(object, schema, "", true, pruned);
        return pruned;
    }

    private static void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
        if (value instanceof ObjectNode o) {
            pruneObject(o, schema, path, Schemas.embedded(schema), pruned);
        } else if (value != null && value.isArray()) {
            JsonNode items = Schemas.items(schema);
            for (int i = 0; i < value.size(); i++) {
                if (items != null) {
                    prune(value.get(i), items, Schemas.index(path, i), pruned);
                }
            }
        }
    }

    private static void pruneObject(ObjectNode o, JsonNode schema, String path, boolean keepObjectFields, List<String> pruned) {
        JsonNode additional = Schemas.additional(schema);
        for (String field : new ArrayList<>(o.propertyNames())) {
            String at = Schemas.child(path, field);
            JsonNode fieldSchema = Schemas.property(schema, field);
            if (keepObjectFields && OBJECT_FIELDS.contains(field)) {
                continue;
            } else if (fieldSchema != null) {
                prune(o.get(field), fieldSchema, at, pruned);
            } else if (additional != null) {
                prune(o.get(field), additional, at, pruned);
            } else if (!Schemas.preservesUnknown(schema)) {
                o.remove(field);
                pruned.add(at);
            }
        }
    }
}
