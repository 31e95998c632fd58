package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.MockApi;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vavr.collection.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock ignores dry-run (it persists the write), so every dry-run request here is answered by an expectation. */
@EnableKubernetesMockClient(crud = true)
class ExtraManifestAdapterIT {
    private static final String NS = "openshift-lifecycle-agent";
    private static final ConfigMapRef CM = new ConfigMapRef("extra-cm", NS);

    KubernetesMockServer server;
    KubernetesClient client;
    ExtraManifestAdapter adapter;

    @BeforeEach
    void setUp() {
        MockApi.loadCrd(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("existing").endMetadata()
                .build()).create();
        adapter = new ExtraManifestAdapter(client);
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
        server.expect().post().withPath("/api/v1/namespaces/existing/configmaps?dryRun=All")
                .andReply(201, req -> req.getUtf8Body()).once();
        server.expect().post().withPath("/api/v1/namespaces/existing/secrets?dryRun=All").andReturn(422,
                MockApi.status(422, "Invalid", "Secret \"bad-secret\" is invalid: data[tls.crt]: Required value"))
                .once();

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
        server.expect().post().withPath("/api/v1/namespaces/existing/configmaps?dryRun=All")
                .andReturn(503, MockApi.status(503, "ServiceUnavailable", "etcd leader changed")).always();

        PortFailure failure = new ExtraManifestAdapter(MockApi.withoutRetries(client)).validate(List.of(CM))
                .getLeft();

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
        server.expect().post().withPath("/api/v1/namespaces/existing/configmaps").andReturn(422,
                MockApi.status(422, "Invalid", "ConfigMap \"b\" is invalid: data: Too long")).times(2);

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

    @Test
    void a_custom_kind_is_applied_once_its_crd_is_served() {
        client.apiextensions().v1().customResourceDefinitions().resource(
                new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                        .withNewMetadata().withName("widgets.example.com").endMetadata().withNewSpec()
                        .withGroup("example.com").withNewNames().withPlural("widgets").withSingular("widget")
                        .withKind("Widget").endNames().withScope("Namespaced").addNewVersion().withName("v1")
                        .withServed(true).withStorage(true).endVersion().endSpec().build()).create();
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

        server.expect().put().withPath("/api/v1/namespaces/existing/configmaps/a")
                .andReturn(500, MockApi.status(500, "InternalError", "etcd timeout")).always();
        PortFailure transientFailure = new ExtraManifestAdapter(MockApi.withoutRetries(client)).apply(bundle)
                .getLeft();
        assertThat(transientFailure).isInstanceOf(PortFailure.Transient.class);
        assertThat(transientFailure.message()).contains("failed to replace manifest ConfigMap called a: etcd timeout")
                .contains("0 of 2 manifests were applied");
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
