package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.vavr.collection.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of apply-wave grouping and of the musthave merge, each checked against an oracle written from the
 * spec, with a canary showing the property can fail.
 */
class ManifestOrderingPropertyTest {
    private static final java.util.List<String> WAVES = java.util.List.of("", "-3", "0", "1", "10", "2147483647",
            "9999999999");

    static Gen<Manifest> manifests() {
        return integers().between(0, WAVES.size()).zip(integers().between(0, 5), (w, n) -> ApplyWavesTest.manifest(
                "ConfigMap", "cm-" + n, w == WAVES.size() ? null : WAVES.get(w)));
    }

    static long oracleWave(Manifest m) {
        String w = m.annotation(Manifest.APPLY_WAVE);
        return w == null || w.isEmpty() ? 2147483647L : Long.parseLong(w);
    }

    @Test
    void groups_are_a_partition_in_ascending_wave_then_name_order() {
        qt().withExamples(500).forAll(lists().of(manifests()).ofSizeBetween(0, 12)).checkAssert(input -> {
            List<List<Manifest>> groups = ApplyWaves.group(List.ofAll(input)).get();
            List<Manifest> flat = groups.flatMap(g -> g);
            assertThat(flat.size()).isEqualTo(input.size());
            assertThat(flat.toJavaList()).containsExactlyInAnyOrderElementsOf(input);
            for (List<Manifest> g : groups) {
                assertThat(g.map(ManifestOrderingPropertyTest::oracleWave).distinct()).hasSize(1);
                assertThat(g.map(Manifest::name).toJavaList()).isSorted();
            }
            assertThat(groups.map(g -> oracleWave(g.head())).toJavaList()).isSorted()
                    .doesNotHaveDuplicates();
        });
    }

    static Gen<Object> values(int depth) {
        Gen<Object> scalars = integers().between(0, 3).map(i -> (Object) ("v" + i));
        if (depth == 0) {
            return scalars;
        }
        Gen<Object> maps = lists().of(integers().between(0, 3).zip(values(depth - 1), (k, v) -> Map.entry("k" + k, v)))
                .ofSizeBetween(0, 3).map(es -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    es.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return (Object) m;
                });
        Gen<Object> named = integers().between(0, 2).zip(scalars, (n, v) -> (Object) Map.of("name", "n" + n, "x", v));
        Gen<Object> lists = lists().of(named.mix(scalars)).ofSizeBetween(0, 3).map(l -> (Object) l);
        return scalars.mix(maps, 40).mix(lists, 30);
    }

    @SuppressWarnings("unchecked")
    static Gen<Map<String, Object>> objects() {
        return values(3).map(v -> v instanceof Map ? (Map<String, Object>) v : new HashMap<>(Map.of("k", v)));
    }

    private static void mergeProperties(BinaryOperator<Map<String, Object>> merge) {
        qt().withExamples(500).forAll(objects(), objects()).checkAssert((live, manifest) -> {
            Map<String, Object> once = merge.apply(live, manifest);
            // applying the same musthave manifest again (a retried apply) changes nothing
            assertThat(merge.apply(once, manifest)).isEqualTo(once);
            // the manifest's top-level scalars win
            manifest.forEach((k, v) -> {
                if (!(v instanceof Map) && !(v instanceof java.util.List)) {
                    assertThat(once.get(k)).isEqualTo(v);
                }
            });
            // keys only in the live object stay
            live.keySet().forEach(k -> assertThat(once).containsKey(k));
        });
    }

    @Test
    void musthave_merge_is_idempotent_keeps_live_keys_and_lets_manifest_scalars_win() {
        mergeProperties(MustHaveMerge::merge);
    }

    /** Canary: a merge that appends every live list item (matched or not) is not idempotent. */
    @Test
    void the_property_catches_a_merge_that_duplicates_list_items() {
        BinaryOperator<Map<String, Object>> duplicating = (live, manifest) -> {
            Map<String, Object> out = MustHaveMerge.merge(live, manifest);
            manifest.forEach((k, v) -> {
                if (v instanceof java.util.List && live.get(k) instanceof java.util.List && !((java.util.List<?>) v)
                        .isEmpty()) {
                    java.util.List<Object> all = new java.util.ArrayList<>((java.util.List<?>) v);
                    all.addAll((java.util.List<?>) live.get(k));
                    out.put(k, all);
                }
            });
            return out;
        };
        assertThatThrownBy(() -> mergeProperties(duplicating)).isInstanceOf(AssertionError.class);
    }
}
