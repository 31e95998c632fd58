package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerScheduleTest {

    @Test
    void a_pull_that_needs_a_layer_in_flight_waits_then_goes_once_it_is_stored() throws Exception {
        LayerSchedule s = new LayerSchedule(10);
        s.admit();
        assertThat(s.claimOrDefer("a", List.of("base", "a"))).isTrue();
        s.admit();
        assertThat(s.claimOrDefer("b", List.of("base", "b"))).as("base is being fetched for a").isFalse();
        s.release();
        s.admit();
        assertThat(s.claimOrDefer("c", List.of("other", "c"))).as("no layer in common").isTrue();
        s.done(List.of("other", "c"), true);
        s.release();
        s.done(List.of("base", "a"), true);
        s.release();
        assertThat(s.nextWaiting()).isEqualTo(new LayerSchedule.Waiting("b", List.of("base", "b")));
        s.admit();
        assertThat(s.claimOrDefer("d", List.of("base", "d"))).as("base is stored now: only d is fetched").isTrue();
        s.done(List.of("base", "d"), true);
        s.release();
        s.done(List.of("base", "b"), true);
        s.release();
        assertThat(s.nextWaiting()).isNull();
    }

    @Test
    void the_layers_of_a_failed_pull_are_fetched_by_the_next_image_that_needs_them() throws Exception {
        LayerSchedule s = new LayerSchedule(10);
        s.admit();
        assertThat(s.claimOrDefer("a", List.of("base", "a"))).isTrue();
        s.admit();
        assertThat(s.claimOrDefer("b", List.of("base", "b"))).isFalse();
        s.release();
        s.done(List.of("base", "a"), false);
        s.release();
        assertThat(s.nextWaiting().image()).isEqualTo("b");
        s.admit();
        assertThat(s.claimOrDefer("c", List.of("base", "c"))).as("b fetches base now").isFalse();
        s.release();
        s.done(List.of("base", "b"), true);
        s.release();
        assertThat(s.nextWaiting().image()).isEqualTo("c");
        s.done(List.of("base", "c"), true);
        s.release();
        assertThat(s.nextWaiting()).isNull();
    }
}
