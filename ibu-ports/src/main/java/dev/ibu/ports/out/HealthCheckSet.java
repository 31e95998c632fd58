package dev.ibu.ports.out;

/** Which health checks to run (host-and-image.md §6). */
public enum HealthCheckSet {
    /** ClusterOperators, MachineConfigPools, then (if those pass) SR-IOV and OADP DPA/BSL. */
    MANDATORY,
    /** Node ready, CSVs succeeded, CSRs approved. */
    DEFERRED,
    /** Mandatory then deferred, stopping at the first set that fails. */
    FULL
}
