package dev.ibu.adapters.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The OpenShift, OLM, SR-IOV, OADP and Velero kinds this adapter reads as generic resources. Explicit contexts
 * (plural and scope) avoid a discovery round trip per call and work where discovery is not served.
 */
public final class Kinds {
    private Kinds() {
    }

    public static final ResourceDefinitionContext CLUSTER_OPERATOR = cluster("config.openshift.io", "v1",
            "ClusterOperator", "clusteroperators");
    public static final ResourceDefinitionContext CLUSTER_VERSION = cluster("config.openshift.io", "v1",
            "ClusterVersion", "clusterversions");
    public static final ResourceDefinitionContext INFRASTRUCTURE = cluster("config.openshift.io", "v1",
            "Infrastructure", "infrastructures");
    public static final ResourceDefinitionContext MACHINE_CONFIG_POOL = cluster("machineconfiguration.openshift.io",
            "v1", "MachineConfigPool", "machineconfigpools");
    public static final ResourceDefinitionContext CSV = namespaced("operators.coreos.com", "v1alpha1",
            "ClusterServiceVersion", "clusterserviceversions");
    public static final ResourceDefinitionContext SRIOV_NODE_STATE = namespaced("sriovnetwork.openshift.io", "v1",
            "SriovNetworkNodeState", "sriovnetworknodestates");
    public static final ResourceDefinitionContext DPA = namespaced("oadp.openshift.io", "v1alpha1",
            "DataProtectionApplication", "dataprotectionapplications");
    public static final ResourceDefinitionContext BSL = namespaced("velero.io", "v1", "BackupStorageLocation",
            "backupstoragelocations");
    public static final ResourceDefinitionContext POLICY = namespaced("policy.open-cluster-management.io", "v1",
            "Policy", "policies");

    public static final String SRIOV_NODE_STATE_CRD = "sriovnetworknodestates.sriovnetwork.openshift.io";
    public static final String DPA_CRD = "dataprotectionapplications.oadp.openshift.io";
    public static final String OADP_NAMESPACE = "openshift-adp";

    public static ResourceDefinitionContext cluster(String group, String version, String kind, String plural) {
        return context(group, version, kind, plural, false);
    }

    public static ResourceDefinitionContext namespaced(String group, String version, String kind, String plural) {
        return context(group, version, kind, plural, true);
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural,
            boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
