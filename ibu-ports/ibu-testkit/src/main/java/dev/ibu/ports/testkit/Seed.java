package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.SeedImageInfo;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * A seed image in the {@link InMemoryRegistry}.
 *
 * @param image         the pull spec, e.g. {@code quay.io/openshift-kni/seed:4.15.2}
 * @param version       the OCP version the seed's {@code manifest.json} declares (what stateroot setup compares)
 * @param formatVersion the {@code seed_format_version} label; none leaves the label off
 * @param clusterInfo   the {@code seed_cluster_info} label; none leaves the label off
 * @param extraLabels   any other labels
 * @param images        the seed's {@code containers.list}: what precache pulls
 * @param requiredAuth  none for a public image; otherwise the only {@code .dockerconfigjson} the registry accepts
 * @param checksum      the ostree commit the stateroot is deployed from
 */
public record Seed(String image, String version, Option<String> formatVersion, Option<ClusterInfo> clusterInfo,
                   Map<String, String> extraLabels, List<String> images, Option<String> requiredAuth,
                   String checksum) {
    public Seed {
        Objects.requireNonNull(image);
        Objects.requireNonNull(version);
        formatVersion = formatVersion == null ? Option.none() : formatVersion;
        clusterInfo = clusterInfo == null ? Option.none() : clusterInfo;
        extraLabels = extraLabels == null ? LinkedHashMap.empty() : extraLabels;
        images = images == null ? List.empty() : images;
        requiredAuth = requiredAuth == null ? Option.none() : requiredAuth;
        Objects.requireNonNull(checksum);
    }

    /** A well-formed public seed: format version 4, cluster info for {@code version}, three images to precache. */
    public static Seed of(String image, String version) {
        return new Seed(image, version, Option.some(SeedImageInfo.SUPPORTED_FORMAT_VERSION),
                Option.some(new ClusterInfo(version, false, false, Option.none(), Option.none(), Option.none())),
                LinkedHashMap.empty(),
                List.of("quay.io/openshift-release-dev/ocp-release:" + version + "-x86_64",
                        "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + "a".repeat(64),
                        "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + "b".repeat(64)),
                Option.none(), checksumFor(version));
    }

    /** A stable fake ostree commit (64 hex digits) for a version. */
    public static String checksumFor(String version) {
        String hex = String.format("%064x", new java.math.BigInteger(1, version.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        return hex.substring(hex.length() - 64);
    }

    public Seed withVersion(String v) {
        return new Seed(image, v, formatVersion, clusterInfo, extraLabels, images, requiredAuth, checksum);
    }

    public Seed withFormatVersion(Option<String> f) {
        return new Seed(image, version, f, clusterInfo, extraLabels, images, requiredAuth, checksum);
    }

    public Seed withClusterInfo(Option<ClusterInfo> c) {
        return new Seed(image, version, formatVersion, c, extraLabels, images, requiredAuth, checksum);
    }

    public Seed withImages(List<String> i) {
        return new Seed(image, version, formatVersion, clusterInfo, extraLabels, i, requiredAuth, checksum);
    }

    public Seed withLabel(String key, String value) {
        return new Seed(image, version, formatVersion, clusterInfo, extraLabels.put(key, value), images,
                requiredAuth, checksum);
    }

    /** Makes the image private: only this {@code .dockerconfigjson} may pull or inspect it. */
    public Seed requiringAuth(String dockerConfigJson) {
        return new Seed(image, version, formatVersion, clusterInfo, extraLabels, images,
                Option.some(dockerConfigJson), checksum);
    }

    /** The labels as the registry shows them (cluster info rendered as compact JSON). */
    public Map<String, String> labels() {
        Map<String, String> l = LinkedHashMap.empty();
        if (formatVersion.isDefined()) {
            l = l.put(SeedImageInfo.FORMAT_VERSION_LABEL, formatVersion.get());
        }
        if (clusterInfo.isDefined()) {
            l = l.put(SeedImageInfo.CLUSTER_INFO_LABEL, toJson(clusterInfo.get()));
        }
        return l.merge(extraLabels);
    }

    public SeedImageInfo info() {
        return new SeedImageInfo(labels(), formatVersion, clusterInfo);
    }

    private static String toJson(ClusterInfo c) {
        StringBuilder sb = new StringBuilder("{\"seed_cluster_ocp_version\":\"").append(c.ocpVersion()).append('"')
                .append(",\"has_proxy\":").append(c.hasProxy()).append(",\"has_fips\":").append(c.hasFips());
        c.hasUserCaBundle().forEach(b -> sb.append(",\"additional_trust_bundle\":").append(b));
        c.proxyTrustedCaName().forEach(n -> sb.append(",\"proxy_configmap_name\":\"").append(n).append('"'));
        c.containerStorageMountpoint().forEach(m -> sb.append(",\"container_storage_mountpoint_target\":\"")
                .append(m).append('"'));
        return sb.append('}').toString();
    }
}
