package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedReconfiguration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.util.Map;

/**
 * The cluster's part of the {@link SeedReconfiguration}, from the sources oadp-and-manifests.md §4 names (upstream
 * {@code fetchClusterInfo}, {@code GetClusterInfo}, {@code SeedReconfigurationKubeconfigRetentionFromCluster}).
 */
final class SeedReconfigurationReader {
    static final ResourceDefinitionContext PROXY = Kinds.cluster("config.openshift.io", "v1", "Proxy", "proxies");
    static final String OPENSHIFT_CONFIG = "openshift-config";
    static final String KAS_OPERATOR = "openshift-kube-apiserver-operator";
    static final String USER_CA_BUNDLE = "user-ca-bundle";
    static final String CA_BUNDLE_KEY = "ca-bundle.crt";

    private final ClusterReader r;

    SeedReconfigurationReader(ClusterReader r) {
        this.r = r;
    }

    SeedReconfiguration read() {
        String clusterId = Option.of(Json.string(r.require(Kinds.CLUSTER_VERSION, null, "version",
                "is this an OpenShift cluster?"), "spec", "clusterID")).getOrElse("");
        InstallConfig installConfig = InstallConfig.parse(r.configMapValue("kube-system", "cluster-config-v1",
                "install-config", Option.none()).getOrElseThrow(() -> new SourceFailure(PortFailure.notFound(
                "ConfigMap kube-system/cluster-config-v1 not found: the installer creates it; restore it from a "
                        + "backup"))));
        GenericKubernetesResource node = snoNode();
        String infraId = Option.of(Json.string(r.require(Kinds.INFRASTRUCTURE, null, "cluster",
                "is this an OpenShift cluster?"), "status", "infrastructureName")).getOrElse("");
        String pullSecret = r.requiredSecretValue(OPENSHIFT_CONFIG, "pull-secret", ".dockerconfigjson",
                "failed to get pull-secret: re-create the cluster's global pull secret");
        String kubeadmin = r.secretValue("kube-system", "kubeadmin", "kubeadmin").getOrElse("");
        GenericKubernetesResource proxy = r.require(PROXY, null, "cluster", "is this an OpenShift cluster?");
        Option<SeedReconfiguration.Proxy> spec = proxy(proxy, "spec");
        Option<SeedReconfiguration.Proxy> status = spec.isEmpty() ? Option.none()
                : Option.some(proxy(proxy, "status").getOrElse(new SeedReconfiguration.Proxy("", "", "")));
        return new SeedReconfiguration(installConfig.baseDomain(), installConfig.clusterName(), clusterId, infraId,
                addresses(node, "InternalIP"), releaseRegistry(), addresses(node, "Hostname").headOption().getOrElseThrow(
                        () -> new SourceFailure(PortFailure.invalid("failed to find node hostname in Node "
                        + node.getMetadata().getName() + " status.addresses"))),
                crypto(), "", List.empty(), pullSecret, kubeadmin, spec, status, installConfig.text(),
                installConfig.machineNetworks(), "", trustBundle(proxy), labels(node));
    }

    private GenericKubernetesResource snoNode() {
        List<GenericKubernetesResource> nodes = r.list(ClusterReader.NODE);
        if (nodes.size() != 1) {
            throw new SourceFailure(PortFailure.invalid("expected exactly one node (single-node OpenShift), found "
                    + nodes.size()));
        }
        GenericKubernetesResource node = nodes.head();
        if (addresses(node, "InternalIP").isEmpty()) {
            throw new SourceFailure(PortFailure.invalid("failed to find node internal ip addresses in Node "
                    + node.getMetadata().getName() + " status.addresses"));
        }
        return node;
    }

    private static List<String> addresses(GenericKubernetesResource node, String type) {
        return List.ofAll(Json.list(node, "status", "addresses")).filter(a -> a instanceof Map
                && type.equals(((Map<?, ?>) a).get("type"))).map(a -> String.valueOf(((Map<?, ?>) a).get("address")));
    }

    private static TreeMap<String, String> labels(GenericKubernetesResource node) {
        Map<String, String> l = node.getMetadata().getLabels();
        return l == null ? TreeMap.empty() : TreeMap.ofAll(l);
    }

    /** The registry of the cluster-version-operator's image (upstream {@code GetReleaseRegistry}). */
    private String releaseRegistry() {
        GenericKubernetesResource cvo = r.require(ClusterReader.DEPLOYMENT, "openshift-cluster-version",
                "cluster-version-operator", "is this an OpenShift cluster?");
        Object containers = Json.at(cvo, "spec", "template", "spec", "containers");
        Object image = containers instanceof java.util.List && !((java.util.List<?>) containers).isEmpty()
                ? Json.at(((java.util.List<?>) containers).get(0), "image") : null;
        if (image == null) {
            throw new SourceFailure(PortFailure.invalid("Deployment openshift-cluster-version/cluster-version-operator "
                    + "has no container image"));
        }
        return String.valueOf(image).split("/")[0];
    }

    private SeedReconfiguration.KubeconfigCrypto crypto() {
        String fix = "it belongs to the kube-apiserver operator; the cluster is not healthy without it";
        String routerCa = "failed to get the ingress CA: it belongs to the ingress operator";
        String ingressCert = r.requiredSecretValue("openshift-ingress-operator", "router-ca", "tls.crt", routerCa);
        String cn = Certificates.commonName(ingressCert).getOrElseThrow(() -> new SourceFailure(PortFailure.invalid(
                "Secret openshift-ingress-operator/router-ca key tls.crt holds no certificate that parses")));
        return new SeedReconfiguration.KubeconfigCrypto(
                r.requiredSecretValue(KAS_OPERATOR, "localhost-serving-signer", "tls.key", fix),
                r.requiredSecretValue(KAS_OPERATOR, "service-network-serving-signer", "tls.key", fix),
                r.requiredSecretValue(KAS_OPERATOR, "loadbalancer-serving-signer", "tls.key", fix),
                r.configMapValue(OPENSHIFT_CONFIG, "admin-kubeconfig-client-ca", CA_BUNDLE_KEY, Option.none())
                        .getOrElseThrow(() -> new SourceFailure(PortFailure.notFound("ConfigMap openshift-config/"
                                + "admin-kubeconfig-client-ca not found: " + fix))),
                r.requiredSecretValue("openshift-ingress-operator", "router-ca", "tls.key", routerCa), cn);
    }

    private static Option<SeedReconfiguration.Proxy> proxy(GenericKubernetesResource proxy, String part) {
        String http = Option.of(Json.string(proxy, part, "httpProxy")).getOrElse("");
        String https = Option.of(Json.string(proxy, part, "httpsProxy")).getOrElse("");
        String no = Option.of(Json.string(proxy, part, "noProxy")).getOrElse("");
        return http.isEmpty() && https.isEmpty() && no.isEmpty() ? Option.none()
                : Option.some(new SeedReconfiguration.Proxy(http, https, no));
    }

    /** Upstream {@code GetAdditionalTrustBundle}: absent ConfigMaps are empty bundles. */
    private SeedReconfiguration.TrustBundle trustBundle(GenericKubernetesResource proxy) {
        String user = bundle(USER_CA_BUNDLE);
        String name = Option.of(Json.string(proxy, "spec", "trustedCA", "name")).getOrElse("");
        String proxyBundle = name.isEmpty() ? "" : USER_CA_BUNDLE.equals(name) ? user : bundle(name);
        if (!name.isEmpty() && proxyBundle.isEmpty()) {
            throw new SourceFailure(PortFailure.invalid("proxy trustedCA configmap " + OPENSHIFT_CONFIG + "/" + name
                    + " exists but is empty: put the bundle in its " + CA_BUNDLE_KEY + " key or fix spec.trustedCA.name "
                    + "of Proxy cluster"));
        }
        return new SeedReconfiguration.TrustBundle(user, name, proxyBundle);
    }

    private String bundle(String configMap) {
        return r.configMapValue(OPENSHIFT_CONFIG, configMap, CA_BUNDLE_KEY, Option.some("")).getOrElse("");
    }
}
