package dev.ibu.ports.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {
    @Test
    void moves_only_when_told() {
        ManualClock clock = new ManualClock();

        assertThat(clock.now()).isEqualTo(ManualClock.DEFAULT_START);
        clock.advance(Duration.ofMinutes(30));
        assertThat(clock.now()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(1800));
        clock.set(Instant.EPOCH);
        assertThat(clock.now()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void refuses_to_go_back_with_advance() {
        assertThatThrownBy(() -> new ManualClock().advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
