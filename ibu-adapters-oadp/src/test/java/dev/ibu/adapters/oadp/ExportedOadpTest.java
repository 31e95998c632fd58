package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.LinkedHashMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportedOadpTest {
    @Test
    void restore_groups_and_files_are_ordered_numerically_not_lexically() {
        ExportBundle bundle = new ExportBundle(LinkedHashMap.of(
                "10/1_j_ns.yaml", "j",
                "2/10_c_ns.yaml", "c10",
                "2/2_b_ns.yaml", "b2",
                "1/1_a_ns.yaml", "a",
                "dpa/dpa.yaml", "dpa",
                "secret/s.yaml", "s",
                "extra/unrelated.yaml", "ignored"));

        ExportedOadp e = ExportedOadp.of(bundle);

        assertThat(e.restoreGroups()).containsExactly(List.of("a"), List.of("b2", "c10"), List.of("j"));
        assertThat(e.dpaYaml()).contains("dpa");
        assertThat(e.secretYamls()).containsExactly("s");
        assertThat(e.restoreCount()).isEqualTo(4);
    }
}
