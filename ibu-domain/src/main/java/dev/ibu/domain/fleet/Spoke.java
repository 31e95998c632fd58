package dev.ibu.domain.fleet;

import dev.ibu.domain.Conditions;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;

/** What the hub sees of one ManagedCluster: its name, labels, and its IBU's conditions from status feedback. */
public record Spoke(String name, Map<String, String> labels, Conditions conditions) {
    public Spoke {
        labels = labels == null ? TreeMap.empty() : labels;
        conditions = conditions == null ? Conditions.EMPTY : conditions;
    }
}
