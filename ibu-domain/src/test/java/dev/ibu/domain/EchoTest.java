package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11: what a message repeats of user input is bounded, with a marker saying it was shortened. */
class EchoTest {

    @Test
    void short_text_is_repeated_as_is() {
        assertThat(Echo.of("4.15.2")).isEqualTo("4.15.2");
        assertThat(Echo.of("x".repeat(Echo.MAX))).hasSize(Echo.MAX);
    }

    @Test
    void a_200000_character_text_is_cut_to_the_bound_and_says_so() {
        String echoed = Echo.of("4".repeat(200_000));
        assertThat(echoed).hasSize(Echo.MAX).startsWith("4444").endsWith("... (200000 characters, shortened)");
    }

    @Test
    void a_surrogate_pair_is_never_cut_in_two() {
        String marker = "... (300 characters, shortened)";
        int keep = 40 - marker.length();
        String text = "a".repeat(keep - 1) + "\uD83D\uDE00" + "b".repeat(300 - keep - 1);
        String echoed = Echo.bounded(text, 40);
        assertThat(echoed).isEqualTo("a".repeat(keep - 1) + marker);
    }

    @Test
    void every_condition_message_is_bounded_to_what_the_api_server_stores() {
        Conditions c = Setters.prepFailed(Conditions.EMPTY, "y".repeat(100_000), Fx.AT_T1);
        assertThat(c.find("PrepInProgress").get().message()).hasSize(Echo.CONDITION_MESSAGE_MAX)
                .endsWith("(100000 characters, shortened)");
    }

    @Test
    void a_version_that_is_not_one_is_refused_and_echoed_bounded() {
        String huge = "4.15.2-" + "a".repeat(200_000);
        assertThat(OcpVersion.parse(huge).getLeft()).hasSizeLessThan(Echo.MAX + 40)
                .endsWith("shortened)\" is not a version like 4.15.2");
        // the version names the stateroot: a path in it is no version
        assertThat(OcpVersion.parse("4.15.2-a/../../b").isLeft()).isTrue();
        assertThat(OcpVersion.parse("4.15.2 ").isRight()).isTrue();
        assertThat(OcpVersion.parse("4.16.0-0.nightly-2024-05-01-000000+build.1").get().preRelease())
                .isEqualTo("0.nightly-2024-05-01-000000");
    }
}
