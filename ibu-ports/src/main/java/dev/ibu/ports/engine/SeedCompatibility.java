package dev.ibu.ports.engine;

import dev.ibu.domain.Echo;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.SeedImageInfo;
import io.vavr.control.Option;

/**
 * The seed image checks of host-and-image.md §2 rows 6 to 10, with upstream's messages, and the CPU architecture
 * (absent upstream, which the docs list as a seed prerequisite but never check).
 */
final class SeedCompatibility {
    private static final String PREFIX = "failed to validate seed image info: checking seed image compatibility: ";

    private SeedCompatibility() {
    }

    /**
     * None when the seed fits the cluster and the node, otherwise the Prep failure message: the format version (row
     * 6), the architecture, then the cluster checks (rows 7 to 10).
     */
    static Option<String> check(String image, SeedImageInfo seed, ClusterInfo cluster, String nodeArchitecture) {
        return formatVersion(seed).orElse(() -> architecture(image, seed, nodeArchitecture))
                .orElse(() -> checkCluster(seed, cluster));
    }

    /**
     * The seed is built for the node's architecture: its OCI config names it, or its manifest list has an entry for
     * it. A seed whose architecture is unknown passes (the pull would then tell).
     */
    static Option<String> architecture(String image, SeedImageInfo seed, String nodeArchitecture) {
        if (seed.architectures().isEmpty() || seed.architectures().contains(nodeArchitecture)) {
            return Option.none();
        }
        return Option.some(PREFIX + "seed image " + Echo.of(image) + " is built for "
                + seed.architectures().mkString(", ") + " but this node is " + nodeArchitecture
                + "; use a seed image built for " + nodeArchitecture + " in spec.seedImageRef.image");
    }

    private static Option<String> formatVersion(SeedImageInfo seed) {
        if (seed.formatVersion().isEmpty()) {
            return Option.some(PREFIX + "seed image is missing the " + SeedImageInfo.FORMAT_VERSION_LABEL
                    + " label, please build a new image using the latest version of the lca-cli");
        }
        if (!SeedImageInfo.SUPPORTED_FORMAT_VERSION.equals(seed.formatVersion().get())) {
            return Option.some(PREFIX + "seed image format version mismatch: expected "
                    + SeedImageInfo.SUPPORTED_FORMAT_VERSION + ", got " + seed.formatVersion().get());
        }
        return Option.none();
    }

    private static Option<String> checkCluster(SeedImageInfo seed, ClusterInfo cluster) {
        if (seed.clusterInfo().isEmpty()) {
            return Option.none();
        }
        ClusterInfo s = seed.clusterInfo().get();
        if (s.hasProxy() != cluster.hasProxy()) {
            return Option.some(PREFIX + (s.hasProxy()
                    ? "seed image has a proxy but the cluster being upgraded does not, this combination is not supported"
                    : "seed image does not have a proxy but the cluster being upgraded does, this combination is not "
                    + "supported"));
        }
        if (s.hasFips() != cluster.hasFips()) {
            return Option.some(PREFIX + (s.hasFips()
                    ? "seed image has FIPS enabled but the cluster being upgraded does not, this combination is not "
                    + "supported"
                    : "seed image does not have FIPS enabled but the cluster being upgraded does, this combination is "
                    + "not supported"));
        }
        Option<String> trust = trustBundle(s, cluster);
        if (trust.isDefined()) {
            return trust;
        }
        if (s.containerStorageMountpoint().isDefined() && cluster.containerStorageMountpoint().isDefined()
                && !s.containerStorageMountpoint().equals(cluster.containerStorageMountpoint())) {
            return Option.some(PREFIX + "container storage mountpoint target mismatch: seed="
                    + s.containerStorageMountpoint().get() + ", cluster=" + cluster.containerStorageMountpoint().get());
        }
        return Option.none();
    }

    private static Option<String> trustBundle(ClusterInfo s, ClusterInfo cluster) {
        String wrap = "failed to validate seed image info: checking seed image additional trust bundle compatibility: ";
        if (s.hasUserCaBundle().isDefined()) {
            boolean seedHas = s.hasUserCaBundle().get();
            boolean clusterHas = cluster.hasUserCaBundle().getOrElse(false);
            if (seedHas != clusterHas) {
                return Option.some(wrap + (seedHas
                        ? "seed image has an openshift-config/user-ca-bundle configmap but the cluster being upgraded "
                        + "does not, this combination is not supported"
                        : "seed image does not have an openshift-config/user-ca-bundle configmap but the cluster being "
                        + "upgraded does, this combination is not supported"));
            }
        }
        if (s.proxyTrustedCaName().isDefined()
                && !s.proxyTrustedCaName().equals(cluster.proxyTrustedCaName().orElse(Option.some("")))) {
            return Option.some(wrap + "seed image's Proxy trustedCA configmap name \"" + s.proxyTrustedCaName().get()
                    + "\" (oc get proxy -oyaml) mismatches cluster's name \""
                    + cluster.proxyTrustedCaName().getOrElse("") + "\", this combination is not supported");
        }
        return Option.none();
    }
}
