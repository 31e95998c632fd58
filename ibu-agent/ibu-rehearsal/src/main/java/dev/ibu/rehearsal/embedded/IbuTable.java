package dev.ibu.rehearsal.embedded;

import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta.k8s.io/v1} Table kubectl asks for, built from the CRUD mock's JSON, with the CRD's printer
 * columns (stage-machine.md §1.5): Name, Age, Desired Stage, State and Details (the last condition).
 */
final class IbuTable {
    private IbuTable() {
    }

    @SuppressWarnings("unchecked")
    static String fromJson(String json, Instant now) {
        Map<String, Object> doc = Serialization.unmarshal(json, Map.class);
        List<Map<String, Object>> items = doc.containsKey("items")
                ? (List<Map<String, Object>>) doc.get("items") : List.of(doc);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> item : items == null ? List.<Map<String, Object>>of() : items) {
            rows.add(row(item, now));
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.put("metadata", Map.of());
        table.put("columnDefinitions", List.of(column("Name", "string", "name"), column("Age", "date", ""),
                column("Desired Stage", "string", ""), column("State", "string", ""),
                column("Details", "string", "")));
        table.put("rows", rows);
        return Serialization.asJson(table);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> item, Instant now) {
        Map<String, Object> metadata = (Map<String, Object>) item.getOrDefault("metadata", Map.of());
        Map<String, Object> spec = item.get("spec") instanceof Map ? (Map<String, Object>) item.get("spec") : Map.of();
        Map<String, Object> status = item.get("status") instanceof Map
                ? (Map<String, Object>) item.get("status") : Map.of();
        List<Map<String, Object>> conditions = status.get("conditions") instanceof List
                ? (List<Map<String, Object>>) status.get("conditions") : List.of();
        Map<String, Object> last = conditions.isEmpty() ? Map.of() : conditions.get(conditions.size() - 1);
        Object created = metadata.get("creationTimestamp");
        String age = created == null ? "<unknown>" : age(Duration.between(Instant.parse(created.toString()), now));
        List<Object> cells = new ArrayList<>();
        cells.add(metadata.getOrDefault("name", ""));
        cells.add(age);
        cells.add(spec.getOrDefault("stage", ""));
        cells.add(last.getOrDefault("reason", ""));
        cells.add(last.getOrDefault("message", ""));
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.put("metadata", metadata);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cells", cells);
        row.put("object", partial);
        return row;
    }

    private static Map<String, Object> column(String name, String type, String format) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("type", type);
        c.put("format", format);
        c.put("description", "");
        c.put("priority", 0);
        return c;
    }

    /** kubectl's human duration ({@code 45s}, {@code 3m33s}, {@code 12m}, {@code 5h3m}, {@code 3d}). */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
        }
        if (h < 48) {
            return h + "h";
        }
        return (h / 24) + "d";
    }
}
