package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The new stateroot is {@code rhcos_<seedImageRef.version with '-' replaced by '_'>}. */
class StaterootNameTest {

    @Test
    void plain_version() {
        assertThat(StaterootName.forVersion("4.15.2")).isEqualTo("rhcos_4.15.2");
    }

    @Test
    void every_dash_becomes_an_underscore_and_nothing_else_changes() {
        assertThat(StaterootName.forVersion("4.16.0-rc.1")).isEqualTo("rhcos_4.16.0_rc.1");
        assertThat(StaterootName.forVersion("4.16.0-0.nightly-2024-01-01-000000"))
                .isEqualTo("rhcos_4.16.0_0.nightly_2024_01_01_000000");
        assertThat(StaterootName.forVersion("4.16.0+build.5")).isEqualTo("rhcos_4.16.0+build.5");
    }

    @Test
    void an_empty_version_is_refused_with_a_message_naming_the_field() {
        assertThatThrownBy(() -> StaterootName.forVersion(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.seedImageRef.version");
    }

    @Test
    void a_spec_version_that_is_not_a_version_names_no_stateroot() {
        assertThat(StaterootName.ofSpecVersion("4.15.2")).containsExactly("rhcos_4.15.2");
        assertThat(StaterootName.ofSpecVersion("4.16.0-rc.1")).containsExactly("rhcos_4.16.0_rc.1");
        assertThat(StaterootName.ofSpecVersion("4.15.2-a/../../../etc")).isEmpty();
        assertThat(StaterootName.ofSpecVersion("4.15.2 ")).isEmpty();
        assertThat(StaterootName.ofSpecVersion("")).isEmpty();
        assertThat(StaterootName.ofSpecVersion("4.15.2-" + "9".repeat(200_000))).isEmpty();
    }
}
