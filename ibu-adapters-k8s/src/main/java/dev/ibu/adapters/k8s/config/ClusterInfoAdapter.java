package dev.ibu.adapters.k8s.config;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The running cluster's side of the seed compatibility checks (host-and-image.md §1.3): version, proxy, FIPS and
 * the additional trust bundle, read as the seed producer reads them. The container-storage mountpoint is a host
 * fact (systemd), so it stays unstated here; the host adapter knows it.
 */
public final class ClusterInfoAdapter implements ClusterInfoPort {
    static final ResourceDefinitionContext PROXY = Kinds.cluster("config.openshift.io", "v1", "Proxy", "proxies");
    static final ResourceDefinitionContext MACHINE_CONFIG = Kinds.cluster("machineconfiguration.openshift.io", "v1",
            "MachineConfig", "machineconfigs");
    static final String CURRENT_CONFIG = "machineconfiguration.openshift.io/currentConfig";
    static final String USER_CA_BUNDLE = "user-ca-bundle";

    private final KubernetesClient client;

    public ClusterInfoAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Either<PortFailure, ClusterInfo> current() {
        try {
            GenericKubernetesResource version = client.genericKubernetesResources(Kinds.CLUSTER_VERSION)
                    .withName("version").get();
            String desired = version == null ? null : Json.string(version, "status", "desired", "version");
            if (desired == null || desired.isEmpty()) {
                return Either.left(PortFailure.notFound("ClusterVersion version has no status.desired.version: "
                        + "is this an OpenShift cluster with a running cluster-version-operator?"));
            }
            GenericKubernetesResource proxy = client.genericKubernetesResources(PROXY).withName("cluster").get();
            Option<String> trustedCa = trustedCa(proxy);
            Option<PortFailure> badTrustedCa = trustedCa.flatMap(this::checkTrustedCa);
            if (badTrustedCa.isDefined()) {
                return Either.left(badTrustedCa.get());
            }
            return Either.right(new ClusterInfo(desired, hasProxy(proxy), hasFips(), Option.some(userCaBundle()),
                    trustedCa, Option.none()));
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("cluster info (ClusterVersion, Proxy, FIPS, trust bundle)", e));
        }
    }

    private static boolean hasProxy(GenericKubernetesResource proxy) {
        if (proxy == null) {
            return false;
        }
        for (String field : new String[] {"httpProxy", "httpsProxy", "noProxy"}) {
            String value = Json.string(proxy, "spec", field);
            if (value != null && !value.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Option<String> trustedCa(GenericKubernetesResource proxy) {
        return proxy == null ? Option.none()
                : Option.of(Json.string(proxy, "spec", "trustedCA", "name")).filter(n -> !n.isEmpty());
    }

    /** {@code spec.fips} of the MachineConfig the node currently runs. */
    private boolean hasFips() {
        for (Node node : client.nodes().list().getItems()) {
            var annotations = node.getMetadata().getAnnotations();
            String config = annotations == null ? null : annotations.get(CURRENT_CONFIG);
            if (config != null) {
                GenericKubernetesResource mc = client.genericKubernetesResources(MACHINE_CONFIG).withName(config).get();
                return mc != null && "true".equals(Json.string(mc, "spec", "fips"));
            }
        }
        return false;
    }

    /** {@code openshift-config/user-ca-bundle} key {@code ca-bundle.crt} is present and non-empty. */
    private boolean userCaBundle() {
        return !bundle(USER_CA_BUNDLE).getOrElse("").isEmpty();
    }

    /** A trustedCA ConfigMap other than user-ca-bundle must exist and hold a bundle (upstream's check 9). */
    private Option<PortFailure> checkTrustedCa(String name) {
        if (USER_CA_BUNDLE.equals(name)) {
            return Option.none();
        }
        Option<String> bundle = bundle(name);
        if (bundle.isEmpty()) {
            return Option.some(PortFailure.notFound("proxy trustedCA configmap openshift-config/" + name
                    + " not found: create it or fix spec.trustedCA.name of Proxy cluster"));
        }
        return bundle.get().isEmpty() ? Option.some(PortFailure.invalid("proxy trustedCA configmap openshift-config/"
                + name + " exists but is empty")) : Option.none();
    }

    /** The {@code ca-bundle.crt} of a ConfigMap in openshift-config: none when the ConfigMap is missing. */
    private Option<String> bundle(String name) {
        ConfigMap cm = client.configMaps().inNamespace("openshift-config").withName(name).get();
        if (cm == null) {
            return Option.none();
        }
        String text = cm.getData() == null ? null : cm.getData().get("ca-bundle.crt");
        return Option.some(text == null ? "" : text);
    }
}
