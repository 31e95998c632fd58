package dev.ibu.adapters.k8s.manifests;

import dev.ibu.ports.out.ConfigMapData;
import io.vavr.collection.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Decodes every {@code data} value of a ConfigMap as a stream of YAML documents (JSON is YAML too), in key order
 * and document order, so ties in apply-wave order are deterministic. {@code uid} and {@code resourceVersion} are
 * dropped (they belong to another cluster). Errors are collected, not thrown, so that one report lists them all.
 */
public final class ManifestDecoder {
    /** Objects above this size are refused: etcd and the API server reject requests of about 1.5 MiB. */
    public static final int DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024;

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTE_LIMIT = 200;

    private final int maxObjectBytes;

    public ManifestDecoder(int maxObjectBytes) {
        if (maxObjectBytes <= 0) {
            throw new IllegalArgumentException("maxObjectBytes must be positive, got " + maxObjectBytes);
        }
        this.maxObjectBytes = maxObjectBytes;
    }

    public ManifestDecoder() {
        this(DEFAULT_MAX_OBJECT_BYTES);
    }

    /** The manifests and the decode errors of one ConfigMap. */
    public record Decoded(List<Manifest> manifests, List<String> errors) {
    }

    public Decoded decode(ConfigMapData cm) {
        List<Manifest> manifests = List.empty();
        List<String> errors = List.empty();
        for (Map.Entry<String, String> entry : new TreeMap<>(cm.data()).entrySet()) {
            String origin = "ConfigMap " + cm.ref() + " key " + entry.getKey();
            String prefix = "failed to decode " + entry.getKey() + " in the configMap " + cm.ref().name() + ": ";
            int document = 0;
            try (MappingIterator<Object> docs = YAML.readerFor(Object.class).readValues(entry.getValue())) {
                while (docs.hasNextValue()) {
                    Object doc = docs.nextValue();
                    document++;
                    if (doc == null) {
                        continue; // an empty document, e.g. after a trailing "---"
                    }
                    String problem = problem(doc);
                    if (problem != null) {
                        errors = errors.append(prefix + "document " + document + ": " + problem);
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Manifest m = clean(new Manifest(origin + " document " + document, (Map<String, Object>) doc));
                    String size = oversized(m);
                    if (size != null) {
                        errors = errors.append(m.located() + ": " + size);
                    } else {
                        manifests = manifests.append(m);
                    }
                }
            } catch (JacksonException e) {
                errors = errors.append(prefix + "document " + (document + 1) + ": " + e.getOriginalMessage());
            }
        }
        return new Decoded(manifests, errors);
    }

    private static String problem(Object doc) {
        if (!(doc instanceof Map)) {
            return "expected an object (a mapping with apiVersion and kind), got " + quote(doc);
        }
        Object kind = ((Map<?, ?>) doc).get("kind");
        if (kind == null || String.valueOf(kind).isEmpty()) {
            return "Object 'Kind' is missing in '" + quote(doc) + "'";
        }
        return null;
    }

    private static Manifest clean(Manifest m) {
        Map<String, Object> object = m.object();
        Object meta = object.get("metadata");
        if (meta instanceof Map) {
            ((Map<?, ?>) meta).remove("uid");
            ((Map<?, ?>) meta).remove("resourceVersion");
        }
        return new Manifest(m.origin(), object);
    }

    private String oversized(Manifest m) {
        int bytes = JSON.writeValueAsBytes(m.object()).length;
        if (bytes > maxObjectBytes) {
            return "object is " + bytes + " bytes, more than the " + maxObjectBytes
                    + " bytes the API server accepts; split it or move its data elsewhere";
        }
        return null;
    }

    private static String quote(Object doc) {
        String text = JSON.writeValueAsString(doc);
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }
}
