package dev.ibu.adapters.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class GeneratedCrdTest {

    private static CustomResourceDefinition upstream() throws Exception {
        try (InputStream in = GeneratedCrdTest.class.getResourceAsStream(
                "/upstream/lca.openshift.io_imagebasedupgrades.yaml")) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    @Test
    void generated_crd_matches_upstream_field_by_field() throws Exception {
        assertThat(CrdDiff.between(upstream(), GeneratedCrd.definition())).isEmpty();
    }

    /** oc explain shows upstream's text, except where the generator cannot place a description. */
    @Test
    void descriptions_match_upstream_except_on_the_items_of_a_plain_string_list() throws Exception {
        assertThat(CrdDiff.descriptionsBetween(upstream(), GeneratedCrd.definition())).containsExactly(
                "spec.versions[v1].schema.properties.status.properties.validNextStages.items.description: upstream "
                        + "ImageBasedUpgradeStage defines the type for the IBU stage field, generated null");
    }

    @Test
    void generated_crd_carries_the_six_cel_messages_in_upstream_order() {
        var rules = GeneratedCrd.definition().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getXKubernetesValidations();
        assertThat(rules).extracting(r -> r.getMessage()).containsExactly(
                "ibu is a singleton, metadata.name must be 'upgrade'",
                "can not change spec.seedImageRef while ibu is in progress",
                "can not change spec.oadpContent while ibu is in progress",
                "can not change spec.extraManifests while ibu is in progress",
                "can not change spec.autoRollbackOnFailure while ibu is in progress",
                "the stage transition is not permitted. Please refer to status.validNextStages for valid "
                        + "transitions. If status.validNextStages is not present, it indicates that no "
                        + "transitions are currently allowed");
    }

    /** Canary: the comparison must notice drift, one difference per drifted field. */
    @Test
    void drift_in_type_format_or_constraint_is_reported() {
        CustomResourceDefinition drifted = GeneratedCrd.definition();
        JSONSchemaProps spec = drifted.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec");
        spec.getProperties().get("autoRollbackOnFailure").getProperties().get("initMonitorTimeoutSeconds")
                .setFormat("int32");
        spec.getProperties().get("seedImageRef").getProperties().get("image").setMinLength(null);
        drifted.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getXKubernetesValidations()
                .remove(5);

        assertThat(CrdDiff.between(upstreamUnchecked(), drifted)).hasSize(3).anySatisfy(d -> assertThat(d)
                .startsWith("spec.versions[v1].schema.properties.spec.properties.autoRollbackOnFailure"
                        + ".properties.initMonitorTimeoutSeconds.format"))
                .anySatisfy(d -> assertThat(d).contains("seedImageRef.properties.image.minLength"))
                .anySatisfy(d -> assertThat(d).contains("x-kubernetes-validations"));
    }

    /** oc get ibu shows NAME, AGE, DESIRED STAGE, STATE, DETAILS, as upstream and the product document do. */
    @Test
    void printer_columns_are_in_upstreams_order() {
        assertThat(GeneratedCrd.definition().getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(c -> c.getName()).containsExactly("Age", "Desired Stage", "State", "Details");
    }

    /** Canary: the comparison must notice columns in the generator's jsonPath order. */
    @Test
    void columns_in_another_order_are_a_difference() {
        CustomResourceDefinition sorted = GeneratedCrd.definition();
        sorted.getSpec().getVersions().get(0).getAdditionalPrinterColumns()
                .sort(java.util.Comparator.comparing(c -> c.getJsonPath()));

        assertThat(CrdDiff.between(upstreamUnchecked(), sorted)).singleElement().asString()
                .startsWith("spec.versions[v1].additionalPrinterColumns");
    }

    /** The build step that restores the order is idempotent and follows the annotations' declaration order. */
    @Test
    void printer_column_order_follows_the_annotations_whatever_the_input_order() {
        CustomResourceDefinition crd = GeneratedCrd.definition();
        java.util.Collections.reverse(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns());

        CustomResourceDefinition once = PrinterColumnOrder.reorder(crd, ImageBasedUpgradeResource.class);
        assertThat(once.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .containsExactly("Age", "Desired Stage", "State", "Details");
        assertThat(PrinterColumnOrder.reorder(once, ImageBasedUpgradeResource.class)).isEqualTo(once);
    }

    @Test
    void yaml_text_is_the_generated_file() {
        assertThat(GeneratedCrd.yaml()).contains("name: \"imagebasedupgrades.lca.openshift.io\"")
                .contains("scope: \"Cluster\"");
    }

    private static CustomResourceDefinition upstreamUnchecked() {
        try {
            return upstream();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
