package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.LinkedHashMap;
import org.junit.jupiter.api.Test;

class ExportFilesTest {
    @Test
    void apply_order_is_numeric_whatever_the_listing_order() {
        ExportBundle listedByName = new ExportBundle(LinkedHashMap.of(
                "10/1_ConfigMap_j_.yaml", "a",
                "1/1_ConfigMap_p_.yaml", "d",
                "2/10_ConfigMap_b_.yaml", "b",
                "2/9_ConfigMap_a_.yaml", "c"));

        assertThat(ExportFiles.ordered(listedByName).get().map(t -> t._1)).containsExactly(
                "1/1_ConfigMap_p_.yaml", "2/9_ConfigMap_a_.yaml", "2/10_ConfigMap_b_.yaml", "10/1_ConfigMap_j_.yaml");
    }

    @Test
    void foreign_files_are_refused_and_names_are_kept_to_a_safe_alphabet() {
        assertThat(ExportFiles.ordered(new ExportBundle(LinkedHashMap.of("velero/restore.yaml", "x"))).getLeft())
                .startsWith("file velero/restore.yaml is not an extra-manifest export");
        assertThat(ExportFiles.safe("system:a/b..c")).isEqualTo("system_a_b__c");
    }
}
