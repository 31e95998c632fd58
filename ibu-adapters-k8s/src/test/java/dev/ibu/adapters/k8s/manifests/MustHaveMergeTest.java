package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MustHaveMergeTest {
    @Test
    void maps_merge_recursively_manifest_scalars_win_and_live_only_keys_stay() {
        Map<String, Object> live = Map.of("data", Map.of("a", "1", "b", "2"), "keep", "me");
        Map<String, Object> manifest = Map.of("data", Map.of("b", "20", "c", "30"));

        assertThat(MustHaveMerge.merge(live, manifest)).isEqualTo(
                Map.of("data", Map.of("a", "1", "b", "20", "c", "30"), "keep", "me"));
    }

    @Test
    void lists_put_manifest_items_first_merge_same_name_maps_and_append_unmatched_live_items() {
        Map<String, Object> live = Map.of("items", List.of(Map.of("name", "a", "x", 1), Map.of("name", "b", "y", 2),
                "scalar"));
        Map<String, Object> manifest = Map.of("items", List.of(Map.of("name", "b", "y", 3), Map.of("name", "c")));

        assertThat(MustHaveMerge.merge(live, manifest).get("items")).isEqualTo(List.of(Map.of("name", "b", "y", 3),
                Map.of("name", "c"), Map.of("name", "a", "x", 1), "scalar"));
    }

    @Test
    void a_manifest_null_for_a_map_keeps_the_live_map_and_an_empty_list_replaces() {
        Map<String, Object> manifest = new HashMap<>();
        manifest.put("spec", null);
        manifest.put("list", List.of());
        Map<String, Object> live = Map.of("spec", Map.of("a", "b"), "list", List.of("x"));

        assertThat(MustHaveMerge.merge(live, manifest)).isEqualTo(Map.of("spec", Map.of("a", "b"), "list",
                List.of()));
    }
}
