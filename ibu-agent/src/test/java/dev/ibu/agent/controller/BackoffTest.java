package dev.ibu.agent.controller;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doubles_up_to_the_cap_and_starts_over_after_a_success() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void many_failures_never_overflow() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        for (int i = 0; i < 100; i++) {
            b.next();
        }
        assertThat(b.next()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejects_a_cap_below_the_base() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("0 < base <= cap");
    }
}
