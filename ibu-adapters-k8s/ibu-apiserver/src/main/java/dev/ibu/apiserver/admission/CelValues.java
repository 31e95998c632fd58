package dev.ibu.apiserver.admission;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON as CEL sees it: maps, lists, int (long), double, string, bool, null. */
final class CelValues {
    private CelValues() {
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), of(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(of(n)));
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    /** The object as a rule at the root sees it: metadata reduced to name and generateName, as Kubernetes does. */
    static Object root(JsonNode object) {
        Object value = of(object);
        if (value instanceof Map<?, ?> map && map.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> reduced = new LinkedHashMap<>();
            for (String field : List.of("name", "generateName")) {
                if (meta.containsKey(field)) {
                    reduced.put(field, meta.get(field));
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            m.put("metadata", reduced);
        }
        return value;
    }
}
