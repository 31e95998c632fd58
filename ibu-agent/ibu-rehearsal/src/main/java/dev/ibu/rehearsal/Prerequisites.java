package dev.ibu.rehearsal;

import dev.ibu.rehearsal.sim.SimWorldDefaults;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.testkit.InMemoryCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the seed document asks for before Prep: the extraManifests and oadpContent ConfigMaps, the seed pull secret,
 * and the IBU spec naming them (§15.3.1 step 1), created in the local API server.
 */
final class Prerequisites {
    static final String LCA_NS = EngineSettings.DEFAULT_NAMESPACE;
    static final String ADP_NS = "openshift-adp";
    static final String PULL_SECRET = "seed-pull-secret";

    /** The spec of §15.3.1 step 1, as one merge patch. */
    static final String SPEC_PATCH = specPatch(SimWorldDefaults.SEED_IMAGE);

    /** The spec of §15.3.1 step 1 naming {@code seedImage} (the loopback registry's with {@code --host=ostree}). */
    static String specPatch(String seedImage) {
        return "{\"spec\": {\"seedImageRef\": {\"version\": \""
            + SimWorldDefaults.TARGET_VERSION + "\", \"image\": \"" + seedImage
            + "\", \"pullSecretRef\": {\"name\": \"" + PULL_SECRET + "\"}}, \"autoRollbackOnFailure\": {}, "
            + "\"extraManifests\": [{\"name\": \"example-extra-manifests-cm\", \"namespace\": \"" + LCA_NS + "\"}, "
            + "{\"name\": \"example-catalogsources-cm\", \"namespace\": \"" + LCA_NS + "\"}], "
            + "\"oadpContent\": [{\"name\": \"oadp-cm-example\", \"namespace\": \"" + ADP_NS + "\"}]}}";
    }

    private Prerequisites() {
    }

    private record Cm(String namespace, String name, Map<String, String> data) {
    }

    private static final List<Cm> CONFIG_MAPS = List.of(
            new Cm(LCA_NS, "example-extra-manifests-cm", Map.of("namespace.yaml",
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: example-app\n")),
            new Cm(LCA_NS, "example-catalogsources-cm", Map.of("catalogsource.yaml",
                    "apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n"
                            + "  name: redhat-operators\n  namespace: openshift-marketplace\nspec:\n"
                            + "  sourceType: grpc\n  image: registry.example.com/redhat/redhat-operator-index:v4.15\n")),
            new Cm(ADP_NS, "oadp-cm-example", Map.of(
                    "backup_acm_klusterlet.yaml", "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n"
                            + "  name: " + SimWorldDefaults.BACKUP + "\n  namespace: openshift-adp\n  labels:\n"
                            + "    velero.io/storage-location: default\nspec:\n  includedNamespaces:\n"
                            + "  - open-cluster-management-agent\n",
                    "restore_acm_klusterlet.yaml", "apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n"
                            + "  name: " + SimWorldDefaults.BACKUP + "\n  namespace: openshift-adp\nspec:\n"
                            + "  backupName: " + SimWorldDefaults.BACKUP + "\n")));

    /** Creates the namespaces, ConfigMaps and pull secret in the local API server. */
    static void create(KubernetesClient client) {
        for (String ns : new String[] {LCA_NS, ADP_NS}) {
            if (client.namespaces().withName(ns).get() == null) { // the agent's namespace comes with its RBAC
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
            }
        }
        CONFIG_MAPS.forEach(cm -> configMap(client, cm.namespace(), cm.name(), cm.data()));
        String auth = "{\"auths\":{\"quay.io\":{\"auth\":\"" + Base64.getEncoder().encodeToString(
                "example:not-a-real-token".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
        client.secrets().inNamespace(LCA_NS).resource(new SecretBuilder().withNewMetadata().withName(PULL_SECRET)
                .withNamespace(LCA_NS).endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(
                        auth.getBytes(StandardCharsets.UTF_8)))).build()).create();
    }

    /**
     * The test kit's Velero and extra-manifest checks read their ConfigMaps from the in-memory cluster: give them
     * the same ones (the engine itself reads them from the API server through the real adapter).
     */
    static void mirror(InMemoryCluster cluster) {
        CONFIG_MAPS.forEach(cm -> cluster.putConfigMap(new ConfigMapRef(cm.name(), cm.namespace()),
                cm.data()));
    }

    private static void configMap(KubernetesClient client, String ns, String name, Map<String, String> data) {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withData(data).build()).create();
    }
}
