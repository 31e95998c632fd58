package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where extra manifests used to differ from upstream (issue 14), against the strict API server: upstream's
 * {@code failed to <verb> manifest <Kind> called <name>:} segment in dry-run warnings, an unknown apply type refused
 * before anything is written, and the instruction annotations never written to the cluster (deliberate deviation).
 */
class UpstreamParityIT {
    private static final String NS = "openshift-lifecycle-agent";
    private static final ConfigMapRef CM = new ConfigMapRef("extra-cm", NS);
    private static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
                          colour: {type: string}
            """;

    private ApiServer api;
    private KubernetesClient client;
    private ExtraManifestAdapter adapter;

    @BeforeEach
    void start() {
        api = ApiServer.builder().start();
        apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NS + "\n"
                + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\n" + WIDGET_CRD);
        client = api.clientAs(Identity.admin());
        adapter = new ExtraManifestAdapter(client);
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private void apply(String yaml) {
        api.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "default");
    }

    private void extraManifests(String yaml) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(CM.name())
                .endMetadata().withData(Map.of("m.yaml", yaml)).build()).create();
    }

    @Test
    void a_dry_run_rejection_carries_upstreams_create_segment() {
        extraManifests("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\n"
                + "spec:\n  size: big\n");

        var warnings = adapter.validate(List.of(CM)).get().warnings();

        assertThat(warnings).hasSize(1);
        assertThat(warnings.head()).startsWith("Widget[w] - dryrun failed in namespace apps: failed to create "
                + "manifest Widget called w: Widget.example.com \"w\" is invalid: spec.size: Invalid value:");
        assertThat(client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("apps").list()
                .getItems()).as("a dry run persists nothing").isEmpty();
    }

    @Test
    void a_dry_run_rejection_of_a_merge_into_a_live_object_says_update_as_upstream() {
        apply("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\nspec:\n  size: 1\n");
        extraManifests("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\n"
                + "  annotations:\n    lca.openshift.io/apply-type: merge\nspec:\n  size: big\n");

        var warnings = adapter.validate(List.of(CM)).get().warnings();

        assertThat(warnings).singleElement().asString().startsWith("Widget[w] - dryrun failed in namespace apps: "
                + "failed to update manifest Widget called w: Widget.example.com \"w\" is invalid: spec.size:");
    }

    @Test
    void an_unknown_apply_type_is_refused_at_apply_and_the_live_object_is_left_as_it_was() {
        apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: apps\ndata:\n  live: \"1\"\n");
        ExportBundle bundle = new ExportBundle(LinkedHashMap.of(
                "1/1_ConfigMap_c_apps.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                        + "  namespace: apps\n  annotations:\n    lca.openshift.io/apply-type: Merge\n"
                        + "data:\n  new: \"2\"\n",
                "1/2_ConfigMap_d_apps.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n"
                        + "  namespace: apps\n"));

        PortFailure refused = adapter.apply(bundle).getLeft();

        assertThat(refused).isInstanceOf(PortFailure.Terminal.class);
        assertThat(refused.message()).isEqualTo("failed to apply manifest: ConfigMap[c] (exported file "
                + "1/1_ConfigMap_c_apps.yaml): annotation lca.openshift.io/apply-type \"Merge\" must be \"replace\" or "
                + "\"merge\"; 0 of 2 manifests were applied before this one and the rest were not applied");
        assertThat(client.configMaps().inNamespace("apps").withName("c").get().getData())
                .isEqualTo(Map.of("live", "1"));
        assertThat(client.configMaps().inNamespace("apps").withName("d").get()).isNull();
    }

    @Test
    void the_instruction_annotations_are_never_written_to_the_cluster_but_the_others_are() {
        apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: apps\n"
                + "  annotations:\n    owner: ops\ndata:\n  a: \"1\"\n");
        extraManifests("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: fresh
                  namespace: apps
                  annotations:
                    lca.openshift.io/apply-type: merge
                    lca.openshift.io/apply-wave: "3"
                    team: site
                data:
                  b: "2"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: live
                  namespace: apps
                  annotations:
                    lca.openshift.io/apply-type: merge
                    lca.openshift.io/apply-wave: "3"
                data:
                  c: "3"
                """);

        assertThat(adapter.apply(adapter.export(List.of(CM)).get()).isRight()).isTrue();

        var fresh = client.configMaps().inNamespace("apps").withName("fresh").get();
        assertThat(fresh.getMetadata().getAnnotations()).isEqualTo(Map.of("team", "site"));
        assertThat(fresh.getData()).isEqualTo(Map.of("b", "2"));
        var live = client.configMaps().inNamespace("apps").withName("live").get();
        assertThat(live.getMetadata().getAnnotations()).isEqualTo(Map.of("owner", "ops"));
        assertThat(live.getData()).isEqualTo(Map.of("a", "1", "c", "3"));
    }
}
