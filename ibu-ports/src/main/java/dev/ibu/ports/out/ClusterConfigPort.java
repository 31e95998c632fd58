package dev.ibu.ports.out;

import io.vavr.control.Either;

/**
 * The cluster's side of the configuration carried across the pivot (oadp-and-manifests.md §4, upstream
 * {@code internal/clusterconfig}): read before the pivot, applied after it. Nothing it reads or applies is logged
 * beyond object names: the configuration holds the pull secret, signer keys and TLS keys.
 */
public interface ClusterConfigPort {
    /**
     * Reads what the cluster says about itself: the {@link SeedReconfiguration} (without the node's SSH keys and
     * chrony configuration, see {@link ClusterConfiguration#withNode}), the manifests to re-create after the pivot
     * and the cert-manager keys. A required object that is absent (ClusterVersion {@code version}, Infrastructure and
     * Proxy {@code cluster}, the single Node, ConfigMaps {@code kube-system/cluster-config-v1} and
     * {@code openshift-config/admin-kubeconfig-client-ca}, Secrets {@code openshift-config/pull-secret}, the three
     * kube-apiserver serving signers and {@code openshift-ingress-operator/router-ca}, Deployment
     * {@code openshift-cluster-version/cluster-version-operator}, a StorageClass a LocalVolume names) or a key it
     * lacks is {@link PortFailure.NotFound} naming the object and key; a malformed one (install-config that is not
     * YAML, a bad machine network CIDR, a certificate that does not parse, an empty Proxy trustedCA ConfigMap) is
     * {@link PortFailure.Invalid}. Optional sources are skipped: Secret {@code kube-system/kubeadmin} (empty hash),
     * the trust bundle ConfigMaps (empty), LocalVolumes and cert-manager when their CRD is absent, Secrets a
     * Certificate names that do not exist. Read-only; calling it again reads afresh.
     */
    Either<PortFailure, ClusterConfiguration> gather();

    /**
     * After the pivot: deletes every ImageContentSourcePolicy, ImageDigestMirrorSet and CatalogSource the seed
     * brought (kinds not served are skipped), then applies the manifests in the bundle's order, object by object (a
     * file holds one object, several documents, or a List whose items are applied one by one), each created or
     * replaced as an extra manifest is. Stops at the first failure, naming the file, kind and object:
     * {@link PortFailure.Terminal} when the API server refuses the object or does not serve its kind,
     * {@link PortFailure.Transient} otherwise. Applying the same bundle again is safe.
     */
    Either<PortFailure, Void> apply(ExportBundle manifests);
}
