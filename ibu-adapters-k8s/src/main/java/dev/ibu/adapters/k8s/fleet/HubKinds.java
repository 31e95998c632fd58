package dev.ibu.adapters.k8s.fleet;

import dev.ibu.adapters.k8s.Kinds;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The hub's kinds and the labels and annotations the hub puts on its ManifestWorks. */
final class HubKinds {
    static final ResourceDefinitionContext IBGU = Kinds.namespaced("lcm.openshift.io", "v1alpha1",
            "ImageBasedGroupUpgrade", "imagebasedgroupupgrades");
    static final ResourceDefinitionContext MANAGED_CLUSTER = Kinds.cluster("cluster.open-cluster-management.io", "v1",
            "ManagedCluster", "managedclusters");
    static final ResourceDefinitionContext MANIFEST_WORK = Kinds.namespaced("work.open-cluster-management.io", "v1",
            "ManifestWork", "manifestworks");

    /** On each work: the IBGU it belongs to (namespace and name), so the informer indexes works by IBGU. */
    static final String LABEL_IBGU_NAMESPACE = "ibu.dev/ibgu-namespace";
    static final String LABEL_IBGU_NAME = "ibu.dev/ibgu-name";
    /** On each work: the hub's row for the spoke (JSON). */
    static final String ANNOTATION_ROW = "ibu.dev/row";

    private HubKinds() {
    }
}
