package dev.ibu.adapters.oadp;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyWaveTest {
    record Obj(String name, String wave) {
        Map<String, String> annotations() {
            return wave == null ? Map.of() : Map.of(OadpNames.APPLY_WAVE, wave);
        }
    }

    private static Either<String, List<List<String>>> group(Obj... objs) {
        return ApplyWave.group(List.of(objs), Obj::name, Obj::annotations)
                .map(gs -> gs.stream().map(g -> g.stream().map(Obj::name).toList()).toList());
    }

    @Test
    void waves_are_numeric_unannotated_last_ties_by_name() {
        assertThat(group(new Obj("none", null), new Obj("ten", "10"), new Obj("b-two", "2"), new Obj("a-two", "2"),
                new Obj("empty", ""), new Obj("neg", "-3")).get())
                .containsExactly(List.of("neg"), List.of("a-two", "b-two"), List.of("ten"), List.of("empty", "none"));
    }

    @Test
    void go_atoi_syntax_is_accepted_and_rejected_as_upstream() {
        assertThat(ApplyWave.waveOf(Map.of(OadpNames.APPLY_WAVE, "+3")).get()).isEqualTo(3L);
        assertThat(ApplyWave.waveOf(Map.of(OadpNames.APPLY_WAVE, "007")).get()).isEqualTo(7L);
        assertThat(ApplyWave.waveOf(Map.of(OadpNames.APPLY_WAVE, " 1")).getLeft())
                .isEqualTo("error convert: strconv.Atoi: parsing \" 1\": invalid syntax");
        assertThat(ApplyWave.waveOf(Map.of(OadpNames.APPLY_WAVE, "abc")).getLeft())
                .isEqualTo("error convert: strconv.Atoi: parsing \"abc\": invalid syntax");
        assertThat(ApplyWave.waveOf(Map.of(OadpNames.APPLY_WAVE, "99999999999999999999")).getLeft())
                .isEqualTo("error convert: strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    @Test
    void an_explicit_max_int32_joins_the_unannotated_group_and_larger_waves_follow_it() {
        assertThat(group(new Obj("big", "2147483648"), new Obj("x", null), new Obj("max", "2147483647")).get())
                .containsExactly(List.of("max", "x"), List.of("big"));
    }

    @Test
    void the_first_bad_wave_fails_the_grouping() {
        assertThat(group(new Obj("a", "1"), new Obj("b", "x1"), new Obj("c", "1.0")).getLeft())
                .isEqualTo("error convert: strconv.Atoi: parsing \"x1\": invalid syntax");
    }

    @Test
    void names_compare_byte_wise_like_go() {
        assertThat(group(new Obj("b", "1"), new Obj("B", "1"), new Obj("é", "1"), new Obj("z", "1")).get())
                .containsExactly(List.of("B", "b", "z", "é"));
        assertThat(group().get()).isEmpty();
    }
}
