package dev.ibu.ports.out;

import io.vavr.control.Either;

/** Cluster health (ClusterOperators, MachineConfigPools, CSVs, nodes...), read without a cache. */
public interface ClusterHealthPort {
    Either<PortFailure, HealthReport> check(HealthCheckSet set);
}
