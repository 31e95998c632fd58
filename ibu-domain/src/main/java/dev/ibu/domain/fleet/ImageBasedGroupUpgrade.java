package dev.ibu.domain.fleet;

import dev.ibu.domain.Spec;
import io.vavr.collection.List;
import io.vavr.collection.Map;

import java.util.Objects;

/**
 * The ImageBasedGroupUpgrade ({@code lcm.openshift.io/v1alpha1}, namespaced): the spokes' IBU spec, which
 * ManagedClusters it selects (any of {@code clusterLabelSelectors}), the append-only plan, and the hub's record of
 * the rollout so far.
 */
public record ImageBasedGroupUpgrade(
        String namespace,
        String name,
        Spec ibuSpec,
        List<LabelSelector> clusterLabelSelectors,
        List<PlanItem> plan,
        RolloutStatus status) {

    public ImageBasedGroupUpgrade {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        ibuSpec = ibuSpec == null ? Spec.idle() : ibuSpec;
        clusterLabelSelectors = clusterLabelSelectors == null ? List.empty() : clusterLabelSelectors;
        plan = plan == null ? List.empty() : plan;
        status = status == null ? RolloutStatus.initial() : status;
    }

    public boolean selects(Map<String, String> labels) {
        return clusterLabelSelectors.exists(s -> s.matches(labels));
    }

    public ImageBasedGroupUpgrade withStatus(RolloutStatus s) {
        return new ImageBasedGroupUpgrade(namespace, name, ibuSpec, clusterLabelSelectors, plan, s);
    }

    public ImageBasedGroupUpgrade withPlan(List<PlanItem> p) {
        return new ImageBasedGroupUpgrade(namespace, name, ibuSpec, clusterLabelSelectors, p, status);
    }
}
