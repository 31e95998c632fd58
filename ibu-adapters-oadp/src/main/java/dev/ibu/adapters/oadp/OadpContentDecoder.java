package dev.ibu.adapters.oadp;

import io.vavr.control.Either;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the values of an {@code oadpContent} ConfigMap: each value is a YAML stream (documents separated
 * by {@code ---}) or JSON. Only {@code velero.io/v1} Backup and Restore are kept; other kinds are ignored
 * silently, as upstream documents. Keys are read in the order given (the API server sorts them), so ties in
 * wave and name keep a deterministic order, unlike upstream's random map iteration.
 */
public final class OadpContentDecoder {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String VELERO_V1 = "velero.io/v1";

    private OadpContentDecoder() {
    }

    public static Either<String, List<VeleroCr>> decode(Map<String, String> data) {
        List<VeleroCr> out = new ArrayList<>();
        if (data == null) {
            return Either.right(List.of());
        }
        for (String value : data.values()) {
            Either<String, List<Object>> docs = documents(value == null ? "" : value);
            if (docs.isLeft()) {
                return Either.left(docs.getLeft());
            }
            for (Object doc : docs.get()) {
                Either<String, VeleroCr> cr = toCr(doc);
                if (cr.isLeft()) {
                    return Either.left(cr.getLeft());
                }
                if (cr.get() != null) {
                    out.add(cr.get());
                }
            }
        }
        return Either.right(List.copyOf(out));
    }

    private static Either<String, List<Object>> documents(String value) {
        ObjectMapper mapper = value.stripLeading().startsWith("{") ? JSON : YAML;
        try (MappingIterator<Object> it = mapper.readerFor(Object.class).readValues(value)) {
            List<Object> docs = new ArrayList<>();
            while (it.hasNextValue()) {
                Object doc = it.nextValue();
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return Either.right(docs);
        } catch (JacksonException e) {
            return Either.left("failed to decode file: " + e.getOriginalMessage());
        }
    }

    /** Right(null) for a document of another kind (ignored); Left for a document that is not an object. */
    @SuppressWarnings("unchecked")
    private static Either<String, VeleroCr> toCr(Object doc) {
        if (!(doc instanceof Map<?, ?> raw)) {
            return Either.left("failed to decode file: document is not an object: " + abbreviate(doc));
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        Object kind = map.get("kind");
        Object apiVersion = map.get("apiVersion");
        if (!(kind instanceof String k) || k.isEmpty()) {
            return Either.left("failed to decode file: Object 'Kind' is missing in '" + abbreviate(doc) + "'");
        }
        if (!(apiVersion instanceof String v) || v.isEmpty()) {
            return Either.left("failed to decode file: Object 'apiVersion' is missing in '" + abbreviate(doc) + "'");
        }
        if (!VELERO_V1.equals(v) || !(VeleroCr.BACKUP.equals(k) || VeleroCr.RESTORE.equals(k))) {
            return Either.right(null);
        }
        String shape = shapeProblem(map);
        if (shape != null) {
            return Either.left("failed to convert to unstructured: " + shape);
        }
        Map<String, Object> meta = VeleroCr.map(map.get("metadata"));
        return Either.right(new VeleroCr(k, str(meta.get("name")), str(meta.get("namespace")), map));
    }

    /** The structural checks Go's typed conversion would fail on; content is validated by the dry-run. */
    private static String shapeProblem(Map<String, Object> doc) {
        Object meta = doc.get("metadata");
        if (meta != null && !(meta instanceof Map)) {
            return "metadata of a " + doc.get("kind") + " must be an object";
        }
        Object spec = doc.get("spec");
        if (spec != null && !(spec instanceof Map)) {
            return "spec of a " + doc.get("kind") + " must be an object";
        }
        Map<String, Object> m = VeleroCr.map(meta);
        for (String field : List.of("name", "namespace")) {
            if (m.get(field) != null && !(m.get(field) instanceof String)) {
                return "metadata." + field + " of a " + doc.get("kind") + " must be a string";
            }
        }
        for (String field : List.of("labels", "annotations")) {
            Object value = m.get(field);
            boolean strings = value == null || value instanceof Map<?, ?> map
                    && map.values().stream().allMatch(v -> v instanceof String);
            if (!strings) {
                return "metadata." + field + " of a " + doc.get("kind")
                        + " must be a map of strings (quote numbers such as apply-wave: \"1\")";
            }
        }
        return null;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String abbreviate(Object doc) {
        String s = String.valueOf(doc);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
