package dev.ibu.ports.out;

import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/** Certificates kept in a stateroot, for rollbackAvailabilityExpiration (stage-machine.md §4.10). */
public interface CertificatePort {
    /**
     * The earliest NotAfter of the kubelet client and server certificates in {@code stateroot}; none when no
     * certificate could be read.
     */
    Either<PortFailure, Option<Instant>> earliestKubeletExpiry(String stateroot);
}
