package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.AuditEvent;
import dev.ibu.domain.ConfigMapRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dry runs by the agent's ServiceAccount as the strict API server sees them (admitted, never persisted). */
class DryRunIT {
    private static final ConfigMapRef CM = new ConfigMapRef("extra-cm", "openshift-lifecycle-agent");

    AgentApi api;
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        api = AgentApi.start(getClass());
        client = api.admin();
        api.namespace("apps");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void manifests(String yaml) {
        client.configMaps().inNamespace(CM.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(CM.name()).endMetadata().withData(Map.of("m.yaml", yaml)).build()).create();
    }

    @Test
    void an_existing_object_is_dry_run_as_a_merged_update_carrying_the_live_version() {
        var live = client.configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("settings").endMetadata().withData(Map.of("live", "1")).build()).create();
        manifests("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\n"
                + "  annotations:\n    lca.openshift.io/apply-type: merge\ndata:\n  new: \"2\"\n");
        AtomicReference<String> sent = new AtomicReference<>();
        api.server().addAuditListener((AuditEvent e) -> {
            if (e.dryRun() && e.is("PUT", "/api/v1/namespaces/apps/configmaps/settings")) {
                sent.set(e.bodyText());
            }
        });

        var validation = new ExtraManifestAdapter(api.agent()).validate(List.of(CM)).get();

        assertThat(validation.warnings()).isEmpty();
        assertThat(sent.get()).contains("\"live\":\"1\"").contains("\"new\":\"2\"")
                .contains("\"resourceVersion\":\"" + live.getMetadata().getResourceVersion() + "\"")
                .doesNotContain("apply-type");
        assertThat(client.configMaps().inNamespace("apps").withName("settings").get().getData())
                .isEqualTo(Map.of("live", "1"));
    }

    @Test
    void a_built_in_kind_the_cluster_does_not_serve_is_a_warning() {
        manifests("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: apps\n");
        // the strict server serves no batch/v1 (404 "the server could not find the requested resource")

        var validation = new ExtraManifestAdapter(api.agent()).validate(List.of(CM)).get();

        assertThat(validation.warnings()).containsExactly("CronJob[nightly] - CRD not deployed on cluster");
    }
}
