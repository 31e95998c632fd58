package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.LinkedHashMap;
import org.junit.jupiter.api.Test;

class ExportFilesTest {
    @Test
    void apply_order_is_numeric_policies_first_whatever_the_listing_order() {
        ExportBundle listedByName = new ExportBundle(LinkedHashMap.of(
                "extra-manifests/group10/1_ConfigMap_j_.yaml", "a",
                "extra-manifests/group2/10_ConfigMap_b_.yaml", "b",
                "extra-manifests/group2/9_ConfigMap_a_.yaml", "c",
                "policy-manifests/group1/1_ConfigMap_p_.yaml", "d"));

        assertThat(ExportFiles.ordered(listedByName).get().map(t -> t._1)).containsExactly(
                "policy-manifests/group1/1_ConfigMap_p_.yaml",
                "extra-manifests/group2/9_ConfigMap_a_.yaml",
                "extra-manifests/group2/10_ConfigMap_b_.yaml",
                "extra-manifests/group10/1_ConfigMap_j_.yaml");
    }

    @Test
    void foreign_files_are_refused_and_names_are_kept_to_a_safe_alphabet() {
        assertThat(ExportFiles.ordered(new ExportBundle(LinkedHashMap.of("1/restore.yaml", "x"))).getLeft())
                .startsWith("file 1/restore.yaml is not an extra-manifest export");
        assertThat(ExportFiles.safe("system:a/b..c")).isEqualTo("system_a_b__c");
    }
}
