package dev.ibu.ports.fleet;

import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;

import java.util.Objects;

/**
 * A ManagedCluster ({@code cluster.open-cluster-management.io/v1}) as the hub sees it: its name, labels and
 * annotations.
 */
public record ManagedCluster(String name, Map<String, String> labels, Map<String, String> annotations) {
    public ManagedCluster {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? TreeMap.empty() : labels;
        annotations = annotations == null ? TreeMap.empty() : annotations;
    }

    public ManagedCluster(String name, Map<String, String> labels) {
        this(name, labels, TreeMap.empty());
    }
}
