package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.ibu.adapters.k8s.AgentApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.vavr.collection.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 4's bad inputs, each reported with the ConfigMap, the key and the object, at validation and at export. */
class BadInputIT {
    private static final ConfigMapRef CM = new ConfigMapRef("site-extras", "openshift-lifecycle-agent");

    AgentApi api;
    KubernetesClient client;

    @BeforeEach
    void start() {
        api = AgentApi.start(getClass());
        client = api.admin();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private PortFailure validateAndExport(Map<String, String> data) {
        client.configMaps().inNamespace(CM.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(CM.name()).endMetadata().withData(data).build()).create();
        ExtraManifestAdapter adapter = new ExtraManifestAdapter(api.agent());
        PortFailure atValidation = adapter.validate(List.of(CM)).getLeft();
        PortFailure atExport = adapter.export(List.of(CM)).getLeft();
        assertThat(atExport.message()).contains(CM.name());
        return atValidation;
    }

    @Test
    void a_malformed_manifest() {
        PortFailure failure = validateAndExport(Map.of("catalog.yaml",
                "apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: [unclosed\n"));

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).startsWith("failed to validate extramanifest cms: failed to decode catalog.yaml "
                + "in the configMap site-extras: document 1: ");
    }

    @Test
    void a_wrong_kind() {
        PortFailure failure = validateAndExport(Map.of("olm.yaml", "apiVersion: operators.coreos.com/v1alpha1\n"
                + "kind: InstallPlan\nmetadata:\n  name: install-abc\n  namespace: openshift-operators\n"));

        assertThat(failure.message()).isEqualTo("failed to validate extramanifest cms: InstallPlan[install-abc] in "
                + "extramanifests is not allowed (ConfigMap openshift-lifecycle-agent/site-extras key olm.yaml "
                + "document 1); remove it from the ConfigMap");
    }

    @Test
    void a_missing_config_map() {
        ExtraManifestAdapter adapter = new ExtraManifestAdapter(api.agent());

        for (PortFailure failure : List.of(adapter.validate(List.of(CM)).getLeft(),
                adapter.export(List.of(CM)).getLeft())) {
            assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
            assertThat(failure.message()).contains("configmaps \"site-extras\" not found")
                    .contains("openshift-lifecycle-agent/site-extras");
        }
    }

    @Test
    void an_oversized_object() {
        String blob = "a".repeat(1024 * 1024 + 10);
        PortFailure failure = validateAndExport(Map.of("big.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n"
                + "  name: huge-secret\n  namespace: default\nstringData:\n  blob: " + blob + "\n"));

        assertThat(failure.message()).startsWith("failed to validate extramanifest cms: Secret[huge-secret] "
                + "(ConfigMap openshift-lifecycle-agent/site-extras key big.yaml document 1): object is ")
                .contains("bytes, more than the 1048576 bytes the API server accepts");
    }
}
