package dev.ibu.ports.out;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * A seed image's labels, read without pulling it: {@code com.openshift.lifecycle-agent.seed_format_version} and the
 * parsed {@code com.openshift.lifecycle-agent.seed_cluster_info}; and the CPU architectures it is built for, as GOARCH
 * names ({@code amd64}, {@code arm64}, {@code ppc64le}, {@code s390x}): the one of its OCI config, or each entry of a
 * manifest list; empty when unknown.
 */
public record SeedImageInfo(Map<String, String> labels, Option<String> formatVersion, Option<ClusterInfo> clusterInfo,
                            List<String> architectures) {
    public static final String FORMAT_VERSION_LABEL = "com.openshift.lifecycle-agent.seed_format_version";
    public static final String CLUSTER_INFO_LABEL = "com.openshift.lifecycle-agent.seed_cluster_info";
    public static final String SUPPORTED_FORMAT_VERSION = "4";

    public SeedImageInfo {
        Objects.requireNonNull(labels);
        formatVersion = formatVersion == null ? Option.none() : formatVersion;
        clusterInfo = clusterInfo == null ? Option.none() : clusterInfo;
        architectures = architectures == null ? List.empty() : architectures.distinct();
    }

    /** Labels only, the architecture unknown. */
    public SeedImageInfo(Map<String, String> labels, Option<String> formatVersion, Option<ClusterInfo> clusterInfo) {
        this(labels, formatVersion, clusterInfo, List.empty());
    }

    public SeedImageInfo withArchitectures(List<String> archs) {
        return new SeedImageInfo(labels, formatVersion, clusterInfo, archs);
    }
}
