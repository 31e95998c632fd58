package dev.ibu.apiserver.json;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** One JSON and one YAML mapper for the whole server, and small tree helpers. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode parse(byte[] body) {
        return MAPPER.readTree(body);
    }

    public static JsonNode parse(String body) {
        return MAPPER.readTree(body);
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    public static String string(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Every non-empty document of a (multi-document) YAML stream. */
    public static List<JsonNode> yamlDocuments(InputStream in) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** The text at a dotted path of object fields, if it is a string. */
    public static Optional<String> text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            if (at == null || !at.isObject()) {
                return Optional.empty();
            }
            at = at.get(p);
        }
        return at != null && at.isString() ? Optional.of(at.stringValue()) : Optional.empty();
    }

    /** The object at a field, created when missing (or when not an object). */
    public static ObjectNode with(ObjectNode node, String field) {
        JsonNode at = node.get(field);
        if (at instanceof ObjectNode o) {
            return o;
        }
        return node.putObject(field);
    }

    /** JSON type name as the API server's OpenAPI validator names it. */
    public static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isIntegralNumber() ? "integer" : "number";
    }
}
