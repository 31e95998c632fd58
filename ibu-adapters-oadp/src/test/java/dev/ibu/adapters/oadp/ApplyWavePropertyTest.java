package dev.ibu.adapters.oadp;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/** Grouping against an oracle written from the spec: a permutation, waves ascending, names ascending per wave. */
class ApplyWavePropertyTest {
    record Obj(String name, Long wave) {
        Map<String, String> annotations() {
            return wave == null ? Map.of() : Map.of(OadpNames.APPLY_WAVE, String.valueOf(wave));
        }

        long effectiveWave() {
            return wave == null ? OadpNames.DEFAULT_WAVE : wave;
        }
    }

    private static final Gen<Obj> OBJ = strings().betweenCodePoints('a', 'e').ofLengthBetween(1, 3)
            .zip(integers().between(-3, 12), (n, w) -> new Obj(n, w >= 11 ? null : Long.valueOf(w)));

    @Test
    void groups_are_a_sorted_partition_of_the_input() {
        check(objs -> ApplyWave.group(objs, Obj::name, Obj::annotations).get());
    }

    @Test
    void canary_the_property_rejects_lexical_wave_order() {
        // the bug upstream had for restore groups: "10" sorts before "2"
        Function<List<Obj>, List<List<Obj>>> lexical = objs -> {
            TreeMap<String, List<Obj>> byWave = new TreeMap<>();
            objs.stream().sorted(Comparator.comparing(Obj::name))
                    .forEach(o -> byWave.computeIfAbsent(String.valueOf(o.effectiveWave()), k -> new ArrayList<>()).add(o));
            return new ArrayList<>(byWave.values());
        };
        assertThatThrownBy(() -> check(lexical)).isInstanceOf(AssertionError.class);
    }

    private static void check(Function<List<Obj>, List<List<Obj>>> grouping) {
        qt().withExamples(500).forAll(lists().of(OBJ).ofSizeBetween(0, 30)).checkAssert(objs -> {
            List<List<Obj>> groups = grouping.apply(objs);
            List<Obj> flat = new ArrayList<>();
            groups.forEach(flat::addAll);
            assertThat(flat).containsExactlyInAnyOrderElementsOf(objs);
            for (List<Obj> g : groups) {
                assertThat(g).isNotEmpty();
                assertThat(g.stream().map(Obj::effectiveWave).distinct()).hasSize(1);
                for (int i = 1; i < g.size(); i++) {
                    assertThat(g.get(i - 1).name().compareTo(g.get(i).name())).isLessThanOrEqualTo(0);
                }
            }
            for (int i = 1; i < groups.size(); i++) {
                assertThat(groups.get(i - 1).get(0).effectiveWave()).isLessThan(groups.get(i).get(0).effectiveWave());
            }
        });
    }
}
