package dev.ibu.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoDurationTest {
    @Test
    void formats_like_go() {
        assertThat(GoDuration.format(1800)).isEqualTo("30m0s");
        assertThat(GoDuration.format(3600)).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(3725)).isEqualTo("1h2m5s");
        assertThat(GoDuration.format(45)).isEqualTo("45s");
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(600)).isEqualTo("10m0s");
    }

    @Test
    void the_init_monitor_message_uses_it() {
        assertThat(Messages.initMonitorTimeout(1800)).isEqualTo("Rollback due to LCA Init Monitor timeout, after 30m0s");
    }
}
