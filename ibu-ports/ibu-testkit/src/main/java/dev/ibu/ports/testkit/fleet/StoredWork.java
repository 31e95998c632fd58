package dev.ibu.ports.testkit.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.Spec;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.ports.fleet.WorkState;

/** A ManifestWork in memory: what the hub wrote (spec, row), the generation, and what the work agent reported. */
public record StoredWork(ClusterRow row, Spec ibuSpec, long generation, long observedGeneration,
                         Conditions feedback, io.vavr.collection.Map<String, String> ibuAnnotations) {
    WorkState state(String cluster) {
        return new WorkState(cluster, row, generation, observedGeneration, feedback);
    }
}
