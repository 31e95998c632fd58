package dev.ibu.domain;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14: the image-cleanup annotations as upstream reads them (host-and-image.md §5.1). */
class ImageCleanupTest {

    private static ImageCleanup.Reading read(Map<String, String> annotations) {
        return ImageCleanup.fromAnnotations(annotations);
    }

    @Test
    void without_annotations_the_cleanup_runs_above_50_percent() {
        ImageCleanup.Reading r = read(HashMap.empty());

        assertThat(r.cleanup()).isEqualTo(new ImageCleanup(true, 50));
        assertThat(r.note()).isEmpty();
    }

    @Test
    void on_prep_disabled_turns_it_off_whatever_the_threshold() {
        ImageCleanup.Reading r = read(HashMap.of(Annotations.IMAGE_CLEANUP_ON_PREP, "Disabled",
                Annotations.IMAGE_CLEANUP_THRESHOLD, "80"));

        assertThat(r.cleanup().enabled()).isFalse();
        assertThat(r.badValue()).isFalse();
        assertThat(r.note().get()).startsWith("Automatic image cleanup is disabled");
    }

    @Test
    void any_other_on_prep_value_leaves_it_on_as_upstream_does() {
        for (String v : new String[] {"disabled", "Enabled", "", "false", " Disabled"}) {
            assertThat(read(HashMap.of(Annotations.IMAGE_CLEANUP_ON_PREP, v)).cleanup())
                    .as(v).isEqualTo(ImageCleanup.DEFAULT);
        }
    }

    @Test
    void a_threshold_overrides_the_default() {
        assertThat(read(HashMap.of(Annotations.IMAGE_CLEANUP_THRESHOLD, "85")).cleanup())
                .isEqualTo(new ImageCleanup(true, 85));
        assertThat(read(HashMap.of(Annotations.IMAGE_CLEANUP_THRESHOLD, "+7")).cleanup().thresholdPercent())
                .isEqualTo(7);
        assertThat(read(HashMap.of(Annotations.IMAGE_CLEANUP_THRESHOLD, "0070")).cleanup().thresholdPercent())
                .isEqualTo(70);
    }

    @Test
    void an_unparsable_threshold_disables_the_cleanup_and_says_why() {
        for (String v : new String[] {"abc", "50%", " 50", "50.0", "", "+", "-", "١٢", "99999999999999999999"}) {
            ImageCleanup.Reading r = read(HashMap.of(Annotations.IMAGE_CLEANUP_THRESHOLD, v));
            assertThat(r.cleanup().enabled()).as(v).isFalse();
            assertThat(r.badValue()).as(v).isTrue();
            assertThat(r.note().get()).as(v)
                    .startsWith("Automatic image cleanup is disabled, due to failure to parse threshold annotation "
                            + Annotations.IMAGE_CLEANUP_THRESHOLD)
                    .contains("set it to a whole number of percent (default 50) or remove it");
        }
    }

    @Test
    void a_huge_unparsable_value_is_echoed_bounded() {
        ImageCleanup.Reading r = read(HashMap.of(Annotations.IMAGE_CLEANUP_THRESHOLD, "x".repeat(200_000)));

        assertThat(r.note().get()).hasSizeLessThan(Echo.MAX + 300);
    }

    @Test
    void integers_outside_0_to_100_are_accepted_as_upstream_with_the_same_effect() {
        // usage is 0..100: above 100 never cleans (held as 100), below 0 cleans every unused image (held as -1)
        assertThat(ImageCleanup.parseAtoi("150")).isEqualTo(Option.some(100));
        assertThat(ImageCleanup.parseAtoi("9223372036854775807")).isEqualTo(Option.some(100));
        assertThat(ImageCleanup.parseAtoi("9223372036854775808")).isEmpty();
        assertThat(ImageCleanup.parseAtoi("-5")).isEqualTo(Option.some(-1));
        assertThat(ImageCleanup.parseAtoi("-0")).isEqualTo(Option.some(0));
        assertThat(ImageCleanup.parseAtoi("-9223372036854775808")).isEqualTo(Option.some(-1));
        assertThat(ImageCleanup.parseAtoi("-9223372036854775809")).isEmpty();
    }

    @Test
    void a_threshold_outside_the_held_range_is_refused() {
        assertThatThrownBy(() -> new ImageCleanup(true, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageCleanup(true, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
