package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyWavesTest {
    static Manifest manifest(String kind, String name, String wave) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (wave != null) {
            meta.put("annotations", Map.of(Manifest.APPLY_WAVE, wave));
        }
        return new Manifest("ConfigMap ns/cm key k", Map.of("apiVersion", "v1", "kind", kind, "metadata", meta));
    }

    private static List<List<String>> names(List<List<Manifest>> groups) {
        return groups.map(g -> g.map(Manifest::describe));
    }

    @Test
    void groups_by_wave_with_unannotated_last_and_ties_by_name() {
        var groups = ApplyWaves.group(List.of(manifest("ConfigMap", "z", null), manifest("ConfigMap", "b", "10"),
                manifest("Secret", "a", "10"), manifest("ConfigMap", "m", "-3"), manifest("ConfigMap", "y", ""),
                manifest("ConfigMap", "x", "2147483647"), manifest("ConfigMap", "w", "9999999999")));

        assertThat(names(groups.get())).containsExactly(List.of("ConfigMap[m]"),
                List.of("Secret[a]", "ConfigMap[b]"),
                List.of("ConfigMap[x]", "ConfigMap[y]", "ConfigMap[z]"),
                List.of("ConfigMap[w]"));
    }

    @Test
    void exact_ties_keep_decode_order() {
        var groups = ApplyWaves.group(List.of(manifest("Secret", "same", "1"), manifest("ConfigMap", "same", "1")));
        assertThat(names(groups.get())).containsExactly(List.of("Secret[same]", "ConfigMap[same]"));
    }

    @Test
    void go_atoi_syntax_is_accepted_and_anything_else_is_an_error_naming_the_object() {
        assertThat(ApplyWaves.parse("+3").get()).isEqualTo(3L);
        assertThat(ApplyWaves.parse("007").get()).isEqualTo(7L);
        assertThat(ApplyWaves.parse(" 1").isLeft()).isTrue();
        assertThat(ApplyWaves.parse("1.0").isLeft()).isTrue();
        assertThat(ApplyWaves.parse("99999999999999999999").getLeft()).contains("out of range");

        var result = ApplyWaves.group(List.of(manifest("ConfigMap", "bad", "abc"), manifest("ConfigMap", "ok", "1")));
        assertThat(result.getLeft()).containsExactly("ConfigMap[bad] (ConfigMap ns/cm key k): annotation "
                + "lca.openshift.io/apply-wave \"abc\" is not an integer (invalid syntax); use a whole number such "
                + "as \"10\"");
    }
}
