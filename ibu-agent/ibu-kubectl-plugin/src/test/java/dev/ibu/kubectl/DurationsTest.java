package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void wholeSecondsInTheLargestUnitsThatFit() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(45_999))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofSeconds(395))).isEqualTo("6m35s");
        assertThat(Durations.format(Duration.ofSeconds(3723))).isEqualTo("1h02m03s");
        assertThat(Durations.format(Duration.ofSeconds(2 * 86_400 + 3 * 3600 + 4 * 60 + 5))).isEqualTo("2d03h04m");
        assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }
}
