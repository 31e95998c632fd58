package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The hub's ManagedClusters (cluster-scoped). */
public interface ManagedClustersPort {
    /**
     * The clusters any of {@code anyOf} selects, in name order, each once (an IBGU's {@code clusterLabelSelectors} are
     * ORed). Served from a watch cache: a pass never lists the API server once per spoke.
     */
    Either<PortFailure, List<ManagedCluster>> list(List<LabelSelector> anyOf);

    /**
     * Sets or removes one label, e.g. {@code lcm.openshift.io/ibgu-prep-completed}. Idempotent; a cluster that does
     * not exist is {@link PortFailure.NotFound}.
     */
    Either<PortFailure, Void> label(LabelChange change);

    /** Sets (value present) or removes one annotation. Idempotent; a cluster that does not exist is NotFound. */
    Either<PortFailure, Void> annotate(String cluster, String key, Option<String> value);
}
