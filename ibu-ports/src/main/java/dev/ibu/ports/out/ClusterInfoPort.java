package dev.ibu.ports.out;

import io.vavr.control.Either;

/** The running cluster's version ({@code ClusterVersion .status.desired.version}) and compatibility facts. */
public interface ClusterInfoPort {
    Either<PortFailure, ClusterInfo> current();
}
