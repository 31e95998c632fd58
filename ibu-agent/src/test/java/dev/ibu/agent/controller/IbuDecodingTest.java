package dev.ibu.agent.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IbuDecodingTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static GenericKubernetesResource raw(String json) {
        return JSON.unmarshal(json, GenericKubernetesResource.class);
    }

    @Test
    void a_readable_object_decodes() {
        var r = IbuDecoding.decode(JSON, raw("{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\","
                + "\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Prep\",\"someNewField\":{\"x\":1}}}"));
        assertThat(r.isRight()).isTrue();
        assertThat(r.get().getSpec().stage().name()).isEqualTo("Prep");
    }

    @Test
    void a_value_of_the_wrong_type_inside_a_list_is_named_by_its_path_and_value() {
        var r = IbuDecoding.decode(JSON, raw("{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\","
                + "\"metadata\":{\"name\":\"upgrade\",\"resourceVersion\":\"7\"},\"spec\":{\"stage\":\"Idle\"},"
                + "\"status\":{\"conditions\":[{\"type\":\"Idle\",\"status\":\"True\",\"observedGeneration\":"
                + "\"one\"}]}}"));
        assertThat(r.isLeft()).isTrue();
        assertThat(r.getLeft().field()).isEqualTo("status.conditions[0].observedGeneration");
        assertThat(r.getLeft().value()).isEqualTo("\"one\"");
        assertThat(r.getLeft().message("7")).contains("resourceVersion 7")
                .contains("status.conditions[0].observedGeneration = \"one\"").contains("kubectl edit ibu upgrade");
    }

    @Test
    void an_unknown_stage_is_named_too() {
        var r = IbuDecoding.decode(JSON, raw("{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\","
                + "\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Finalize\"}}"));
        assertThat(r.getLeft().field()).isEqualTo("spec.stage");
        assertThat(r.getLeft().value()).isEqualTo("\"Finalize\"");
    }
}
