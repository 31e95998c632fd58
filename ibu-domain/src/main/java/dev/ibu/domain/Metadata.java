package dev.ibu.domain;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;

import java.util.Objects;

/**
 * The parts of {@code metadata} the rules read: name, generation, annotations, and the resourceVersion as an opaque
 * token for optimistic concurrency.
 */
public record Metadata(String name, long generation, String resourceVersion, Map<String, String> annotations) {

    public static final String SINGLETON_NAME = "upgrade";

    public Metadata {
        Objects.requireNonNull(name, "name");
        resourceVersion = resourceVersion == null ? "" : resourceVersion;
        annotations = annotations == null ? LinkedHashMap.empty() : annotations;
    }

    public static Metadata singleton(long generation) {
        return new Metadata(SINGLETON_NAME, generation, "", LinkedHashMap.empty());
    }

    public boolean hasAnnotation(String key) {
        return annotations.containsKey(key);
    }

    public Metadata withAnnotations(Map<String, String> a) {
        return new Metadata(name, generation, resourceVersion, a);
    }

    public Metadata withResourceVersion(String rv) {
        return new Metadata(name, generation, rv, annotations);
    }

    public Metadata withGeneration(long g) {
        return new Metadata(name, g, resourceVersion, annotations);
    }
}
