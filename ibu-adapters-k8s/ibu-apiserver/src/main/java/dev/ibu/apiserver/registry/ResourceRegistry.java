package dev.ibu.apiserver.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every resource type served, built-in first, then those of established CRDs. Thread-safe. */
public final class ResourceRegistry {
    private final List<ResourceType> types = new CopyOnWriteArrayList<>();

    public ResourceRegistry() {
        types.addAll(BuiltinResources.all());
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    public Optional<ResourceType> findKind(String group, String version, String kind) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.kind().equals(kind))
                .findFirst();
    }

    public boolean servesGroupVersion(String group, String version) {
        return types.stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    /** Every version of one group's resource (all versions share storage: CRD conversion strategy None). */
    public List<ResourceType> versionsOf(String group, String plural) {
        return types.stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).toList();
    }

    /** Non-core groups in serving order, each with its versions (preferred first). */
    public Map<String, List<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (ResourceType t : types) {
            if (!t.group().isEmpty()) {
                groups.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        groups.forEach((g, v) -> out.put(g, new ArrayList<>(v)));
        return out;
    }

    public List<ResourceType> all() {
        return List.copyOf(types);
    }

    /** Replaces the versions of a CRD's resource by the given ones. */
    public void define(String group, String plural, List<ResourceType> versions) {
        undefine(group, plural);
        types.addAll(versions);
    }

    public void undefine(String group, String plural) {
        types.removeIf(t -> t.custom().isPresent() && t.group().equals(group) && t.plural().equals(plural));
    }
}
