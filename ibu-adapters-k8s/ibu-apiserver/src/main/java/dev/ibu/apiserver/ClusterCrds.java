package dev.ibu.apiserver;

import java.io.InputStream;

/**
 * CRDs of the kinds an OpenShift cluster with OADP serves and the product uses, for {@link ApiServer#apply}: the real
 * group, version, plural, scope and status subresource of each, typed where the product reads or writes a field
 * (so admission prunes and rejects as a cluster would) and open elsewhere.
 */
public final class ClusterCrds {
    private ClusterCrds() {
    }

    /**
     * Every OpenShift cluster: ClusterVersion, ClusterOperator, Infrastructure, Proxy, MachineConfig(Pool), OLM's
     * ClusterServiceVersion, CatalogSource, Subscription and OperatorGroup, ACM's Policy.
     */
    public static InputStream openShift() {
        return open("openshift.yaml");
    }

    /** With the SR-IOV network operator: SriovNetworkNodeState, SriovNetwork, SriovNetworkNodePolicy, SriovOperatorConfig. */
    public static InputStream sriov() {
        return open("sriov.yaml");
    }

    /**
     * With OADP installed: Velero's Backup, Restore, DeleteBackupRequest, BackupStorageLocation and OADP's
     * DataProtectionApplication.
     */
    public static InputStream oadp() {
        return open("velero.yaml");
    }

    private static InputStream open(String name) {
        InputStream in = ClusterCrds.class.getResourceAsStream("crds/" + name);
        if (in == null) {
            throw new IllegalStateException("dev/ibu/apiserver/crds/" + name + " is missing from the class path");
        }
        return in;
    }
}
