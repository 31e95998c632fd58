package dev.ibu.ports.out;

import io.vavr.control.Option;

import java.util.Objects;

/**
 * What the seed compatibility checks compare (host-and-image.md §1.3 and §2), for the running cluster or as a seed
 * declares it in its {@code seed_cluster_info} label. Option fields are "not stated".
 */
public record ClusterInfo(
        String ocpVersion,
        boolean hasProxy,
        boolean hasFips,
        Option<Boolean> hasUserCaBundle,
        Option<String> proxyTrustedCaName,
        Option<String> containerStorageMountpoint) {
    public ClusterInfo {
        Objects.requireNonNull(ocpVersion);
        hasUserCaBundle = hasUserCaBundle == null ? Option.none() : hasUserCaBundle;
        proxyTrustedCaName = proxyTrustedCaName == null ? Option.none() : proxyTrustedCaName;
        containerStorageMountpoint = containerStorageMountpoint == null ? Option.none() : containerStorageMountpoint;
    }
}
