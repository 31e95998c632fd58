package dev.ibu.agent.gather;

import dev.ibu.agent.ops.Redactor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster objects upstream's must-gather collects: every object of the lca.openshift.io CRDs (ImageBasedUpgrade,
 * IPConfig, ...) and of the OADP ones (oadp.openshift.io, velero.io: DPA, BSL, Backups, Restores, ...) in all
 * namespaces, and the objects the health checks read (Nodes, ClusterOperators, ClusterVersion, MachineConfigPools,
 * ClusterServiceVersions, SriovNetworkNodeStates, CertificateSigningRequests). Secret-like values are redacted.
 */
final class ClusterObjects {
    static final Set<String> CR_GROUPS = Set.of("lca.openshift.io", "oadp.openshift.io", "velero.io");
    static final List<ResourceDefinitionContext> HEALTH = List.of(
            kind("", "v1", "Node", "nodes", false),
            kind("config.openshift.io", "v1", "ClusterOperator", "clusteroperators", false),
            kind("config.openshift.io", "v1", "ClusterVersion", "clusterversions", false),
            kind("machineconfiguration.openshift.io", "v1", "MachineConfigPool", "machineconfigpools", false),
            kind("operators.coreos.com", "v1alpha1", "ClusterServiceVersion", "clusterserviceversions", true),
            kind("sriovnetwork.openshift.io", "v1", "SriovNetworkNodeState", "sriovnetworknodestates", true),
            kind("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", false));

    private final KubernetesClient client;
    private final Output out;

    ClusterObjects(KubernetesClient client, Output out) {
        this.client = client;
        this.out = out;
    }

    void collect() {
        for (ResourceDefinitionContext kind : crKinds()) {
            list(kind, "cluster/crs/" + kind.getPlural() + "." + kind.getGroup() + ".yaml");
        }
        for (ResourceDefinitionContext kind : HEALTH) {
            list(kind, "cluster/health/" + kind.getPlural() + ".yaml");
        }
    }

    /** The served, stored version of every CRD of {@link #CR_GROUPS}. */
    private List<ResourceDefinitionContext> crKinds() {
        List<ResourceDefinitionContext> kinds = new ArrayList<>();
        List<CustomResourceDefinition> crds = Attempt.of(out, "CustomResourceDefinitions (to find the "
                + String.join(", ", CR_GROUPS.stream().sorted().toList()) + " kinds)",
                () -> client.apiextensions().v1().customResourceDefinitions().list().getItems());
        if (crds == null) {
            return kinds;
        }
        for (CustomResourceDefinition crd : crds) {
            if (crd.getSpec() == null || !CR_GROUPS.contains(crd.getSpec().getGroup())) {
                continue;
            }
            crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                    .map(CustomResourceDefinitionVersion::getName)
                    .ifPresent(v -> kinds.add(kind(crd.getSpec().getGroup(), v, crd.getSpec().getNames().getKind(),
                            crd.getSpec().getNames().getPlural(), "Namespaced".equals(crd.getSpec().getScope()))));
        }
        kinds.sort(java.util.Comparator.comparing(k -> k.getPlural() + "." + k.getGroup()));
        return kinds;
    }

    private void list(ResourceDefinitionContext kind, String file) {
        Attempt.of(out, kind.getKind() + " (" + kind.getPlural() + (kind.getGroup().isEmpty() ? "" : "."
                + kind.getGroup()) + ")", () -> {
            List<GenericKubernetesResource> items = kind.isNamespaceScoped()
                    ? client.genericKubernetesResources(kind).inAnyNamespace().list().getItems()
                    : client.genericKubernetesResources(kind).list().getItems();
            out.writeList(file, items.stream().map(this::redacted).toList());
            return items.size();
        });
    }

    @SuppressWarnings("unchecked")
    private Object redacted(GenericKubernetesResource r) {
        return Redactor.resource(client.getKubernetesSerialization().convertValue(r, Map.class));
    }

    static ResourceDefinitionContext kind(String group, String version, String kind, String plural,
            boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
