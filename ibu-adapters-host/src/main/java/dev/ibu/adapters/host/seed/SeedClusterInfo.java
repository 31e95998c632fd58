package dev.ibu.adapters.host.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code manifest.json} of a seed, also the {@code seed_cluster_info} label (host-and-image.md §1.3). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedClusterInfo(
    @JsonProperty("seed_cluster_ocp_version") String ocpVersion,
    @JsonProperty("base_domain") String baseDomain,
    @JsonProperty("cluster_name") String clusterName,
    @JsonProperty("node_ip") String nodeIp,
    @JsonProperty("node_ips") List<String> nodeIps,
    @JsonProperty("release_registry") String releaseRegistry,
    @JsonProperty("mirror_registry_configured") Boolean mirrorRegistryConfigured,
    @JsonProperty("sno_hostname") String snoHostname,
    @JsonProperty("recert_image_pull_spec") String recertImagePullSpec,
    @JsonProperty("has_proxy") boolean hasProxy,
    @JsonProperty("has_fips") boolean hasFips,
    @JsonProperty("additionalTrustBundle") TrustBundle additionalTrustBundle,
    @JsonProperty("container_storage_mountpoint_target") String containerStorageMountpointTarget,
    @JsonProperty("ingress_certificate_cn") String ingressCertificateCn,
    @JsonProperty("machine_networks") List<String> machineNetworks,
    @JsonProperty("cluster_network_cidr") List<String> clusterNetworkCidr,
    @JsonProperty("service_network_cidr") List<String> serviceNetworkCidr) {

    public SeedClusterInfo {
        nodeIps = nodeIps == null ? List.of() : List.copyOf(nodeIps);
        machineNetworks = machineNetworks == null ? List.of() : List.copyOf(machineNetworks);
        clusterNetworkCidr = clusterNetworkCidr == null ? null : List.copyOf(clusterNetworkCidr);
        serviceNetworkCidr = serviceNetworkCidr == null ? null : List.copyOf(serviceNetworkCidr);
    }

    /** A minimal info for tests and local seeds. */
    public static SeedClusterInfo minimal(String version) {
        return new SeedClusterInfo(version, "seed.lab", "seed", null, List.of("192.168.127.10"), "quay.io", null,
            "seed-node", "quay.io/edge-infrastructure/recert:v0", false, false, new TrustBundle(false, ""),
            "/dev/disk/by-partlabel/var-lib-containers", "ingress-operator@1700000000", List.of("192.168.127.0/24"),
            null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrustBundle(@JsonProperty("hasUserCaBundle") boolean hasUserCaBundle,
                              @JsonProperty("proxyConfigmapName") String proxyConfigmapName) {
    }
}
