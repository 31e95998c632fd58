package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.Fault;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter as the agent's ServiceAccount on the strict API server (dry runs are never persisted there); the
 * scene is set by an administrator.
 */
class ExtraManifestAdapterIT {
    private static final String NS = "openshift-lifecycle-agent";
    private static final ConfigMapRef CM = new ConfigMapRef("extra-cm", NS);

    AgentApi api;
    KubernetesClient client;
    ExtraManifestAdapter adapter;

    @BeforeEach
    void setUp() {
        api = AgentApi.start(getClass());
        client = api.admin();
        api.namespace("existing");
        adapter = new ExtraManifestAdapter(api.agent());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void extraManifests(Map<String, String> data) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(CM.name())
                .withNamespace(NS).endMetadata().withData(data).build()).create();
    }

    private static String configMap(String name, String namespace, String wave) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n")
                + (wave == null ? "" : "  annotations:\n    lca.openshift.io/apply-wave: \"" + wave + "\"\n")
                + "data:\n  key: value-" + name + "\n";
    }

    @Test
    void validation_errors_fail_with_every_problem_named() {
        extraManifests(Map.of(
                "a.yaml", "apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n"
                        + "  name: 99-extra\n---\napiVersion: operators.coreos.com/v1alpha1\nkind: Subscription\n"
                        + "metadata:\n  name: sub\n  namespace: existing\n---\napiVersion: v1\nkind: ConfigMap\n"
                        + "metadata:\n  namespace: existing\n",
                "b.yaml", "kind: [oops\n"));

        PortFailure failure = adapter.validate(List.of(CM)).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).startsWith("failed to validate extramanifest cms: failed to decode b.yaml in "
                + "the configMap extra-cm: document 1: ")
                .contains("; ConfigMap resource name is empty (ConfigMap " + NS + "/extra-cm key a.yaml document 3)")
                .contains("; MachineConfig[99-extra] in extramanifests is not allowed (ConfigMap " + NS
                        + "/extra-cm key a.yaml document 1)")
                .contains("; Subscription[sub] in extramanifests is not allowed");
    }

    @Test
    void a_missing_config_map_is_named() {
        PortFailure failure = adapter.validate(List.of(new ConfigMapRef("nope", NS))).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).isEqualTo("the extraManifests configMap is not found, error: configmaps "
                + "\"nope\" not found. Please create the configMap " + NS + "/nope or remove it from "
                + "spec.extraManifests.");
    }

    @Test
    void warnings_for_unserved_kinds_missing_namespaces_and_dry_run_rejections_and_nothing_is_persisted() {
        extraManifests(Map.of("m.yaml", String.join("---\n",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: made-here\n  annotations:\n"
                        + "    lca.openshift.io/apply-wave: \"1\"\n",
                configMap("in-new-ns", "made-here", null),
                configMap("lost", "missing-ns", null),
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: existing\n",
                configMap("ok", "existing", null),
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad-secret\n  namespace: existing\n"
                        + "type: kubernetes.io/tls\n")));
        // the strict server does not check Secret types' required keys: the cluster's answer is injected
        api.server().inject(Fault.when(r -> r.dryRun() && r.is("POST", "/api/v1/namespaces/existing/secrets"))
                .status(422, "Invalid", "Secret \"bad-secret\" is invalid: data[tls.crt]: Required value").once());

        var validation = adapter.validate(List.of(CM)).get();

        // apply order: the Namespace (wave 1), then the rest by name
        assertThat(validation.warnings()).containsExactly(
                "Secret[bad-secret] - dryrun failed in namespace existing: failed to create manifest Secret called "
                        + "bad-secret: Secret \"bad-secret\" is invalid: data[tls.crt]: Required value",
                "ConfigMap[lost] - namespace missing-ns not found on cluster or not added in configmap in right order",
                "Widget[w] - CRD not deployed on cluster");
        assertThat(client.configMaps().inNamespace("existing").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("existing").list().getItems()).isEmpty();
        assertThat(client.namespaces().withName("made-here").get()).isNull();
    }

    @Test
    void a_dry_run_that_fails_for_another_reason_stops_validation() {
        extraManifests(Map.of("m.yaml", configMap("ok", "existing", null)));
        api.server().inject(Fault.when(r -> r.dryRun() && r.is("POST", "/api/v1/namespaces/existing/configmaps"))
                .status(503, "ServiceUnavailable", "etcd leader changed").always());

        PortFailure failure = adapter.validate(List.of(CM)).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Transient.class);
        assertThat(failure.message()).contains("failed to validate manifest with dryrun: ConfigMap[ok]")
                .contains("etcd leader changed");
    }

    @Test
    void export_then_apply_creates_in_wave_order_and_replaces_existing_objects() {
        extraManifests(Map.of("m.yaml", String.join("---\n", configMap("late", "existing", null),
                configMap("first", "existing", "1"), configMap("second", null, "2"))));
        client.configMaps().inNamespace("existing").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("late").endMetadata().withData(Map.of("old", "x")).build()).create();

        ExportBundle bundle = adapter.export(List.of(CM)).get();
        assertThat(bundle.files().keySet()).containsExactly(
                "1/1_ConfigMap_first_existing.yaml",
                "2/1_ConfigMap_second_.yaml",
                "3/1_ConfigMap_late_existing.yaml");

        assertThat(adapter.apply(bundle).isRight()).isTrue();

        assertThat(client.configMaps().inNamespace("default").withName("second").get().getData())
                .isEqualTo(Map.of("key", "value-second"));
        var late = client.configMaps().inNamespace("existing").withName("late").get();
        assertThat(late.getData()).isEqualTo(Map.of("key", "value-late"));
        var first = client.configMaps().inNamespace("existing").withName("first").get();
        assertThat(first.getMetadata().getAnnotations()).doesNotContainKey(Manifest.APPLY_WAVE);
    }

    @Test
    void a_refused_manifest_is_terminal_and_says_how_much_was_applied() {
        extraManifests(Map.of("m.yaml", String.join("---\n", configMap("a", "existing", "1"),
                configMap("b", "existing", "2"), configMap("c", "existing", "3"))));
        ExportBundle bundle = adapter.export(List.of(CM)).get();
        // a create is tried first: "a" exists, so its POST's answer does not count (then GET and PUT, as upstream);
        // "b"'s POST gets the injected 422
        client.configMaps().inNamespace("existing").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("a").endMetadata().build()).create();
        api.server().inject(Fault.when(r -> r.is("POST", "/api/v1/namespaces/existing/configmaps"))
                .status(422, "Invalid", "ConfigMap \"b\" is invalid: data: Too long").times(2));

        PortFailure failure = adapter.apply(bundle).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Terminal.class);
        assertThat(failure.message()).isEqualTo("failed to apply manifest: failed to create manifest ConfigMap "
                + "called b: ConfigMap \"b\" is invalid: data: Too long (exported file "
                + "2/1_ConfigMap_b_existing.yaml); 1 of 3 manifests were applied before this one "
                + "and the rest were not applied");
        assertThat(client.configMaps().inNamespace("existing").withName("c").get()).isNull();
    }

    private void policy(String namespace, String name, String remediation, String wave, String objectTemplates) {
        String yaml = "apiVersion: policy.open-cluster-management.io/v1\nkind: Policy\nmetadata:\n  name: " + name
                + "\n  namespace: " + namespace + "\n  annotations:\n    ran.openshift.io/ztp-deploy-wave: \"" + wave
                + "\"\nspec:\n  remediationAction: " + remediation + "\n  policy-templates:\n  - objectDefinition:\n"
                + "      apiVersion: policy.open-cluster-management.io/v1\n      kind: ConfigurationPolicy\n"
                + "      spec:\n        object-templates:\n" + objectTemplates;
        api.namespace(namespace);
        client.genericKubernetesResources(dev.ibu.adapters.k8s.Kinds.POLICY).inNamespace(namespace)
                .resource(client.getKubernetesSerialization().unmarshal(yaml,
                        io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
    }

    private static String template(String compliance, String name, String version, String value) {
        return "        - complianceType: " + compliance + "\n          objectDefinition:\n            apiVersion: v1\n"
                + "            kind: ConfigMap\n            metadata:\n              name: " + name + "\n"
                + "              namespace: existing\n              labels:\n"
                + "                lca.openshift.io/target-ocp-version: \"" + version + "\"\n"
                + "            data:\n              a: " + value + "\n            status:\n              x: y\n";
    }

    private void upgradeFor(String version, Map<String, String> annotations) {
        var ibu = new dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource();
        ibu.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("upgrade")
                .withAnnotations(annotations).build());
        ibu.setSpec(new dev.ibu.codec.wire.IbuSpec(dev.ibu.codec.wire.CrStage.Prep,
                new dev.ibu.codec.wire.SeedImageRef(version, "quay.io/seed:" + version, null), null,
                List.of(CM).map(r -> new dev.ibu.codec.wire.ConfigMapRef(r.name(), r.namespace())).asJava(),
                null));
        client.resource(ibu).create();
    }

    private void livePolicyTargets() {
        for (String name : new String[] {"site-cm", "site-cm2"}) {
            client.configMaps().inNamespace("existing").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).endMetadata().withData(Map.of("b", "live")).build()).create();
        }
    }

    @Test
    void policy_manifests_are_exported_first_and_applied_with_musthave_merge_and_mustonlyhave_replace() {
        upgradeFor("4.16.1", null);
        policy("ztp-site", "ztp-group.site-policy", "inform", "10",
                template("musthave", "site-cm", "4.16", "new")
                        + template("mustonlyhave", "site-cm2", "4.16.1", "new2")
                        + template("musthave", "old-version", "4.15", "x")
                        + template("mustnothave", "unwanted", "4.16", "x"));
        policy("ztp-site", "ztp-group.enforced", "enforce", "1", template("musthave", "enforced", "4.16", "x"));
        policy("ztp-site", "no-dot-in-name", "inform", "1", template("musthave", "no-dot", "4.16", "x"));
        extraManifests(Map.of("m.yaml", configMap("from-cm", "existing", null)));
        livePolicyTargets();

        ExportBundle bundle = adapter.export(List.of(CM)).get();

        assertThat(bundle.files().keySet()).containsExactly(
                "1/1_ConfigMap_site-cm_existing.yaml",
                "1/2_ConfigMap_site-cm2_existing.yaml",
                "2/1_ConfigMap_from-cm_existing.yaml");
        assertThat(bundle.files().get("1/1_ConfigMap_site-cm_existing.yaml").get())
                .contains("lca.openshift.io/apply-type: \"merge\"").doesNotContain("status");

        assertThat(adapter.apply(bundle).isRight()).isTrue();
        var merged = client.configMaps().inNamespace("existing").withName("site-cm").get();
        assertThat(merged.getData()).isEqualTo(Map.of("a", "new", "b", "live"));
        assertThat(merged.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(client.configMaps().inNamespace("existing").withName("site-cm2").get().getData())
                .isEqualTo(Map.of("a", "new2"));
        assertThat(client.configMaps().inNamespace("existing").withName("from-cm").get()).isNotNull();
    }

    @Test
    void prep_and_export_check_the_expected_policy_manifest_count_when_annotated() {
        upgradeFor("4.16.1", Map.of("lca.openshift.io/target-ocp-version-manifest-count", "3"));
        policy("ztp-site", "ztp-group.site-policy", "inform", "10", template("musthave", "site-cm", "4.16", "new"));
        extraManifests(Map.of("m.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n1\n"));

        PortFailure failure = adapter.validate(List.of(CM)).getLeft();
        PortFailure atExport = adapter.export(List.of(CM)).getLeft();

        // upstream's texts exactly (its prep_handlers.go and extramanifest.go)
        String mismatch = "The labeled manifests count found in policies 1 does not match the expected manifests "
                + "count 3";
        assertThat(failure.message()).isEqualTo("failed to validate manifests from policies: " + mismatch);
        assertThat(adapter.validate(List.empty()).getLeft().message()).as("Prep without extraManifests")
                .isEqualTo("failed to validate manifests from policies: " + mismatch);
        assertThat(atExport.message()).isEqualTo("failed to export manifests from policies: failed to validate and "
                + "extract manifests from policies: " + mismatch);
    }

    /** deploy/base grants the documented kinds only: the administrator adds a rule for the kind they ship. */
    @Test
    void a_custom_kind_is_applied_once_its_crd_is_served_and_the_agent_may_write_it() {
        api.apply("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                + "  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n"
                + "    plural: widgets\n    singular: widget\n  scope: Namespaced\n  versions:\n  - name: v1\n"
                + "    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n"
                + "        properties:\n          spec:\n            type: object\n            properties:\n"
                + "              size:\n                type: integer\n");
        api.grant("example.com", "widgets", "get", "create", "update");
        extraManifests(Map.of("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"
                + "  namespace: existing\nspec:\n  size: 3\n"));

        assertThat(adapter.apply(adapter.export(List.of(CM)).get()).isRight()).isTrue();

        var widget = client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("existing")
                .withName("w").get();
        assertThat(widget.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3));
    }

    @Test
    void an_unserved_kind_at_apply_is_terminal_and_a_server_error_is_transient() {
        extraManifests(Map.of("m.yaml", String.join("---\n", configMap("a", "existing", "1"),
                "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n")));
        ExportBundle bundle = adapter.export(List.of(CM)).get();

        PortFailure unserved = adapter.apply(bundle).getLeft();
        assertThat(unserved).isInstanceOf(PortFailure.Terminal.class);
        assertThat(unserved.message()).contains("Gadget[g] - CRD not deployed on cluster")
                .contains("1 of 2 manifests were applied");

        api.server().inject(Fault.when(r -> r.is("PUT", "/api/v1/namespaces/existing/configmaps/a"))
                .status(500, "InternalError", "etcd timeout").always());
        PortFailure transientFailure = adapter.apply(bundle).getLeft();
        assertThat(transientFailure).isInstanceOf(PortFailure.Transient.class);
        assertThat(transientFailure.message()).contains("failed to replace manifest ConfigMap called a: etcd timeout")
                .contains("0 of 2 manifests were applied");
    }

    /**
     * The kinds upstream's documentation ships as extra manifests (a namespace, a pull secret, an OLM catalog source
     * and operator group, the SR-IOV operator's configuration, node policy and network), dry-run at Prep, created at
     * the first apply and replaced at the second, all as the agent's ServiceAccount: deploy/base must allow each.
     */
    @Test
    void the_documented_kinds_are_dry_run_created_and_replaced_as_the_agent() {
        api.server().apply(dev.ibu.apiserver.ClusterCrds.sriov(), "default");
        api.namespace("openshift-marketplace");
        api.namespace("openshift-sriov-network-operator");
        String sriov = "  namespace: openshift-sriov-network-operator\n";
        extraManifests(Map.of("m.yaml", String.join("---\n",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ran-apps\n  annotations:\n"
                        + "    lca.openshift.io/apply-wave: \"1\"\n",
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: registry-auth\n  namespace: existing\n"
                        + "stringData:\n  token: not-a-real-token\n",
                "apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: disconnected\n"
                        + "  namespace: openshift-marketplace\nspec:\n  sourceType: grpc\n"
                        + "  image: registry.example.com/olm/index:v4.16\n",
                "apiVersion: operators.coreos.com/v1\nkind: OperatorGroup\nmetadata:\n  name: sriov\n" + sriov
                        + "spec:\n  targetNamespaces:\n  - openshift-sriov-network-operator\n",
                "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovOperatorConfig\nmetadata:\n  name: default\n"
                        + sriov + "spec:\n  enableInjector: false\n",
                "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata:\n  name: fh\n"
                        + sriov + "spec:\n  resourceName: fh\n  numVfs: 8\n",
                "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n  name: fh\n" + sriov
                        + "spec:\n  resourceName: fh\n  networkNamespace: existing\n")));

        assertThat(adapter.validate(List.of(CM)).get().warnings()).isEmpty();
        ExportBundle bundle = adapter.export(List.of(CM)).get();
        assertThat(adapter.apply(bundle).isRight()).as("created").isTrue();
        assertThat(adapter.apply(bundle).isRight()).as("replaced").isTrue();

        assertThat(client.namespaces().withName("ran-apps").get()).isNotNull();
        assertThat(client.secrets().inNamespace("existing").withName("registry-auth").get()).isNotNull();
        for (String kind : new String[] {"SriovOperatorConfig", "SriovNetworkNodePolicy", "SriovNetwork"}) {
            assertThat(client.genericKubernetesResources("sriovnetwork.openshift.io/v1", kind)
                    .inNamespace("openshift-sriov-network-operator").list().getItems()).as(kind).hasSize(1);
        }
        assertThat(client.genericKubernetesResources("operators.coreos.com/v1alpha1", "CatalogSource")
                .inNamespace("openshift-marketplace").withName("disconnected").get()).isNotNull();
        assertThat(client.genericKubernetesResources("operators.coreos.com/v1", "OperatorGroup")
                .inNamespace("openshift-sriov-network-operator").withName("sriov").get()).isNotNull();
    }

    @Test
    void an_unknown_apply_type_is_a_validation_error() {
        extraManifests(Map.of("m.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                + "  annotations:\n    lca.openshift.io/apply-type: Merge\n"));

        assertThat(adapter.validate(List.of(CM)).getLeft().message()).isEqualTo("failed to validate extramanifest "
                + "cms: ConfigMap[c] (ConfigMap " + NS + "/extra-cm key m.yaml document 1): annotation "
                + "lca.openshift.io/apply-type \"Merge\" must be \"replace\" or \"merge\"");
    }
}
