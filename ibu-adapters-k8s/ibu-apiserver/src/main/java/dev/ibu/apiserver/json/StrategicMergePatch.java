package dev.ibu.apiserver.json;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge patch for the built-in kinds, as far as kubectl's apply/edit/patch need it: a merge patch in which
 * lists of objects with a known merge key (containers by name, conditions by type, ...) merge element by element,
 * {@code $patch: delete|replace} is honoured and the other {@code $} directives ({@code $setElementOrder},
 * {@code $retainKeys}, {@code $deleteFromPrimitiveList}) are accepted and ignored.
 */
public final class StrategicMergePatch {
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"), Map.entry("env", "name"),
            Map.entry("volumes", "name"), Map.entry("volumeMounts", "mountPath"), Map.entry("ports", "containerPort"),
            Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"), Map.entry("imagePullSecrets", "name"),
            Map.entry("tolerations", "key"), Map.entry("addresses", "type"));

    private StrategicMergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        return merge(target, patch, null);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch, String field) {
        if (patch.isArray()) {
            String key = MERGE_KEYS.get(field);
            if (key != null && target != null && target.isArray() && allObjects(patch)) {
                return mergeList((ArrayNode) target, (ArrayNode) patch, key);
            }
            return patch.deepCopy();
        }
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path("$patch").asString(""))) {
            ObjectNode copy = (ObjectNode) patch.deepCopy();
            copy.remove("$patch");
            return copy;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : Json.object();
        for (var e : patch.properties()) {
            String name = e.getKey();
            if (name.startsWith("$")) {
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isNull() || "delete".equals(value.path("$patch").asString(""))) {
                result.remove(name);
            } else {
                result.set(name, merge(result.get(name), value, name));
            }
        }
        return result;
    }

    private static boolean allObjects(JsonNode list) {
        for (JsonNode n : list) {
            if (!n.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String key) {
        ArrayNode result = target.deepCopy();
        for (JsonNode item : patch) {
            int at = indexOf(result, key, item.get(key));
            boolean delete = "delete".equals(item.path("$patch").asString(""));
            if (at >= 0 && delete) {
                result.remove(at);
            } else if (at >= 0) {
                result.set(at, merge(result.get(at), item, null));
            } else if (!delete) {
                result.add(merge(null, item, null));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }
}
