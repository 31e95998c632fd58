package dev.ibu.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
    @Test
    void matches_apimachinery() {
        assertThat(HumanDuration.of(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(HumanDuration.of(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.of(Duration.ofSeconds(330))).isEqualTo("5m30s");
        assertThat(HumanDuration.of(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HumanDuration.of(Duration.ofMinutes(179))).isEqualTo("179m");
        assertThat(HumanDuration.of(Duration.ofMinutes(190))).isEqualTo("3h10m");
        assertThat(HumanDuration.of(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.of(Duration.ofHours(52))).isEqualTo("2d4h");
        assertThat(HumanDuration.of(Duration.ofDays(100))).isEqualTo("100d");
        assertThat(HumanDuration.of(Duration.ofDays(800))).isEqualTo("2y70d");
    }
}
