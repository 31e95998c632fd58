package dev.ibu.apiserver.discovery;

import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.PrinterColumn;
import dev.ibu.apiserver.registry.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * meta.k8s.io/v1 Tables, as kubectl asks for them ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}):
 * Name, then a CRD's additionalPrinterColumns in the CRD's order, evaluated by JSONPath; Name and Age otherwise.
 */
public final class Tables {
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate name "
            + "automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be "
            + "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final PrinterColumn AGE = new PrinterColumn("Age", "date", "", "CreationTimestamp is a timestamp representing "
            + "the server time when this object was created.", 0, ".metadata.creationTimestamp");
    private final Clock clock;

    public Tables(Clock clock) {
        this.clock = clock;
    }

    public static List<PrinterColumn> columns(ResourceType t) {
        List<PrinterColumn> columns = new ArrayList<>();
        columns.add(new PrinterColumn("Name", "string", "name", NAME_DESCRIPTION, 0, ".metadata.name"));
        List<PrinterColumn> custom = t.custom().map(c -> c.printerColumns()).orElse(List.of());
        columns.addAll(custom.isEmpty() ? List.of(AGE) : custom);
        return columns;
    }

    /** A Table of one object or of a list's items. */
    public ObjectNode table(ResourceType t, ObjectNode body, String includeObject) {
        return table(t, body, includeObject, true);
    }

    public ObjectNode table(ResourceType t, ObjectNode body, String includeObject, boolean withColumns) {
        ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (body.path("kind").asString("").endsWith("List")) {
            body.path("metadata").properties().forEach(e -> meta.set(e.getKey(), e.getValue()));
        } else {
            meta.put("resourceVersion", body.path("metadata").path("resourceVersion").asString(""));
        }
        List<PrinterColumn> columns = columns(t);
        if (withColumns) {
            ArrayNode defs = table.putArray("columnDefinitions");
            for (PrinterColumn c : columns) {
                defs.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
                        .put("description", c.description()).put("priority", c.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        if (body.has("items")) {
            body.get("items").forEach(item -> rows.add(row(columns, item, includeObject)));
        } else {
            rows.add(row(columns, body, includeObject));
        }
        return table;
    }

    private ObjectNode row(List<PrinterColumn> columns, JsonNode object, String includeObject) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (PrinterColumn c : columns) {
            cells.add(cell(c, JsonPath.find(object, c.jsonPath())));
        }
        if (includeObject.equals("Object")) {
            row.set("object", object);
        } else if (!includeObject.equals("None")) {
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return row;
    }

    private JsonNode cell(PrinterColumn c, List<JsonNode> found) {
        if (found.isEmpty() || found.get(0).isNull()) {
            return Json.object().nullNode();
        }
        JsonNode v = found.get(0);
        switch (c.type()) {
            case "date":
                try {
                    return Json.object().stringNode(HumanDuration.of(Duration.between(Instant.parse(v.asString()), Instant.now(clock))));
                } catch (DateTimeParseException e) {
                    return Json.object().nullNode();
                }
            case "integer":
            case "number":
                return v.isNumber() ? v : Json.object().nullNode();
            case "boolean":
                return v.isBoolean() ? v : Json.object().nullNode();
            default:
                return Json.object().stringNode(v.isString() ? v.stringValue() : Json.string(v));
        }
    }
}
