package dev.ibu.ports.out;

import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * A seed image's labels, read without pulling it: {@code com.openshift.lifecycle-agent.seed_format_version} and the
 * parsed {@code com.openshift.lifecycle-agent.seed_cluster_info}.
 */
public record SeedImageInfo(Map<String, String> labels, Option<String> formatVersion, Option<ClusterInfo> clusterInfo) {
    public static final String FORMAT_VERSION_LABEL = "com.openshift.lifecycle-agent.seed_format_version";
    public static final String CLUSTER_INFO_LABEL = "com.openshift.lifecycle-agent.seed_cluster_info";
    public static final String SUPPORTED_FORMAT_VERSION = "4";

    public SeedImageInfo {
        Objects.requireNonNull(labels);
        formatVersion = formatVersion == null ? Option.none() : formatVersion;
        clusterInfo = clusterInfo == null ? Option.none() : clusterInfo;
    }
}
