package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.ports.out.PortFailure;

/** Inside this package only: a read that cannot go on; {@link ClusterConfigAdapter} turns it into a Left. */
final class SourceFailure extends RuntimeException {
    final transient PortFailure failure;

    SourceFailure(PortFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }
}
