package dev.ibu.ports.out;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * What makes the seed's stateroot this cluster after the pivot: upstream's {@code SeedReconfiguration}
 * ({@code api/seedreconfig}, written as {@code cluster-configuration/manifest.json}, oadp-and-manifests.md §4), read
 * from the cluster ({@link ClusterConfigPort#gather()}) and the node ({@link NodeConfiguration}). Empty strings and
 * lists are "not set" (upstream's {@code omitempty}). It holds the pull secret, signer keys and the kubeadmin password
 * hash: {@link #toString()} names the cluster only.
 *
 * @param kubeadminPasswordHash empty when the cluster has no kubeadmin Secret: the target then deletes its own
 * @param proxy                 the Proxy's spec, none when it sets no proxy at all
 * @param statusProxy           the Proxy's status, none exactly when {@code proxy} is none
 */
public record SeedReconfiguration(
        String baseDomain,
        String clusterName,
        String clusterId,
        String infraId,
        List<String> nodeIps,
        String releaseRegistry,
        String hostname,
        KubeconfigCrypto kubeconfigCryptoRetention,
        String sshKey,
        List<ServerSshKey> serverSshKeys,
        String pullSecret,
        String kubeadminPasswordHash,
        Option<Proxy> proxy,
        Option<Proxy> statusProxy,
        String installConfig,
        List<String> machineNetworks,
        String chronyConfig,
        TrustBundle additionalTrustBundle,
        Map<String, String> nodeLabels) {

    /** Upstream's {@code SeedReconfigurationVersion}. */
    public static final int API_VERSION = 1;

    public SeedReconfiguration {
        for (Object o : new Object[] {baseDomain, clusterName, clusterId, infraId, nodeIps, releaseRegistry, hostname,
            kubeconfigCryptoRetention, sshKey, serverSshKeys, pullSecret, kubeadminPasswordHash, proxy, statusProxy,
            installConfig, machineNetworks, chronyConfig, additionalTrustBundle, nodeLabels}) {
            Objects.requireNonNull(o, "SeedReconfiguration field");
        }
        nodeLabels = TreeMap.ofEntries(nodeLabels);
    }

    /** The node's part (SSH keys, chrony) taken from {@code node}; the rest unchanged. */
    public SeedReconfiguration withNode(NodeConfiguration node) {
        return new SeedReconfiguration(baseDomain, clusterName, clusterId, infraId, nodeIps, releaseRegistry, hostname,
                kubeconfigCryptoRetention, node.sshKey(), node.serverSshKeys(), pullSecret, kubeadminPasswordHash, proxy,
                statusProxy, installConfig, machineNetworks, node.chronyConfig(), additionalTrustBundle, nodeLabels);
    }

    @Override
    public String toString() {
        return "SeedReconfiguration[" + clusterName + "." + baseDomain + ", clusterID " + clusterId
                + ", secrets redacted]";
    }

    /** The crypto recert needs so that existing kubeconfigs keep working (upstream {@code KubeConfigCryptoRetention}). */
    public record KubeconfigCrypto(String localhostSignerKey, String serviceNetworkSignerKey,
                                   String loadbalancerSignerKey, String adminCaCertificate, String ingressCaKey,
                                   String ingressCertificateCn) {
        public KubeconfigCrypto {
            for (String s : new String[] {localhostSignerKey, serviceNetworkSignerKey, loadbalancerSignerKey,
                adminCaCertificate, ingressCaKey, ingressCertificateCn}) {
                Objects.requireNonNull(s, "KubeconfigCrypto field");
            }
        }

        @Override
        public String toString() {
            return "KubeconfigCrypto[ingress CN " + ingressCertificateCn + ", keys redacted]";
        }
    }

    /** One {@code /etc/ssh/ssh_host_*_key*} file, so the node keeps its SSH fingerprint. */
    public record ServerSshKey(String fileName, String content) {
        public ServerSshKey {
            Objects.requireNonNull(fileName);
            Objects.requireNonNull(content);
        }

        @Override
        public String toString() {
            return "ServerSshKey[" + fileName + ", content redacted]";
        }
    }

    /** Proxy settings (spec or status); at least one field is set. */
    public record Proxy(String httpProxy, String httpsProxy, String noProxy) {
        public Proxy {
            Objects.requireNonNull(httpProxy);
            Objects.requireNonNull(httpsProxy);
            Objects.requireNonNull(noProxy);
        }

        /** Proxy URLs may carry credentials (http://user:password@host). */
        @Override
        public String toString() {
            return "Proxy[redacted]";
        }
    }

    /**
     * ConfigMap {@code openshift-config/user-ca-bundle}'s bundle, the Proxy's {@code trustedCA} ConfigMap name and
     * that ConfigMap's bundle (equal to the first when the name is {@code user-ca-bundle}).
     */
    public record TrustBundle(String userCaBundle, String proxyConfigmapName, String proxyConfigmapBundle) {
        public static final TrustBundle NONE = new TrustBundle("", "", "");

        public TrustBundle {
            Objects.requireNonNull(userCaBundle);
            Objects.requireNonNull(proxyConfigmapName);
            Objects.requireNonNull(proxyConfigmapBundle);
        }
    }
}
