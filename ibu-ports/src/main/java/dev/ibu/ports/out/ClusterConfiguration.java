package dev.ibu.ports.out;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * Everything written under the new stateroot's {@code /var/opt/openshift} before the pivot
 * (oadp-and-manifests.md §4).
 *
 * @param seedReconfiguration {@code cluster-configuration/manifest.json}
 * @param manifests           {@code cluster-configuration/manifests/<name>}: JSON objects or lists, applied after the
 *                            pivot in byte-wise name order (IDMS/ICSP lists, LocalVolumes and their StorageClasses,
 *                            cert-manager Namespaces and TLS Secrets)
 * @param certManagerKeys     {@code cluster-configuration/certmanager-crypto/CN=<cn>__<ns>_<name>.key}: the decoded
 *                            {@code tls.key} of cert-manager Secrets, for recert's {@code use_key} rules
 * @param networkConnections  {@code network-configuration/system-connections/<name>}
 * @param lvmDevices          {@code lvm-configuration/system.devices}, when the node has one
 */
public record ClusterConfiguration(SeedReconfiguration seedReconfiguration, ExportBundle manifests,
                                   Map<String, String> certManagerKeys, Map<String, String> networkConnections,
                                   Option<String> lvmDevices) {
    public ClusterConfiguration {
        Objects.requireNonNull(seedReconfiguration);
        Objects.requireNonNull(manifests);
        Objects.requireNonNull(certManagerKeys);
        Objects.requireNonNull(networkConnections);
        Objects.requireNonNull(lvmDevices);
        manifests.files().keySet().forEach(NodeConfiguration::checkFileName);
        certManagerKeys.keySet().forEach(NodeConfiguration::checkFileName);
        networkConnections.keySet().forEach(NodeConfiguration::checkFileName);
    }

    /** What the cluster says, before the node's part is added with {@link #withNode}. */
    public static ClusterConfiguration fromCluster(SeedReconfiguration seed, ExportBundle manifests,
                                                   Map<String, String> certManagerKeys) {
        return new ClusterConfiguration(seed, manifests, certManagerKeys, LinkedHashMap.empty(), Option.none());
    }

    /** The node's SSH keys and chrony configuration into the SeedReconfiguration, and its files to copy. */
    public ClusterConfiguration withNode(NodeConfiguration node) {
        return new ClusterConfiguration(seedReconfiguration.withNode(node), manifests, certManagerKeys,
                node.networkConnections(), node.lvmDevices());
    }

    @Override
    public String toString() {
        return "ClusterConfiguration[" + seedReconfiguration + ", manifests "
                + manifests.files().keySet().toList().sorted() + ", " + certManagerKeys.size()
                + " cert-manager keys, connections " + networkConnections.keySet().toList().sorted()
                + ", lvm devices " + lvmDevices.isDefined() + "]";
    }
}
