package dev.ibu.ports.fleet;

import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** The ManifestWorks ({@code work.open-cluster-management.io/v1}) the hub keeps per spoke and IBGU. */
public interface SpokeWorksPort {
    /**
     * Creates or updates the spoke's work. Idempotent: the same work twice changes nothing; a new stage bumps the
     * work's generation, a new row only its annotation. A spoke without a namespace on the hub (not a managed cluster)
     * is {@link PortFailure.NotFound}; a ConfigMap or pull secret the IBU names that is missing from the IBGU's
     * namespace is {@link PortFailure.NotFound} naming it.
     */
    Either<PortFailure, Void> apply(SpokeWork work);

    /**
     * Every work of the IBGU, in cluster name order. Served from a watch cache: one pass never reads the API server
     * once per spoke.
     */
    Either<PortFailure, List<WorkState>> list(IbguRef ibgu);

    /** Deletes the spoke's work, leaving what it applied in place (orphan). Idempotent. */
    Either<PortFailure, Void> delete(IbguRef ibgu, String cluster);
}
