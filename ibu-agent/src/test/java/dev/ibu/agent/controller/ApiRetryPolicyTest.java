package dev.ibu.agent.controller;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRetryPolicyTest {
    @Test
    void the_sno_policy_rides_out_about_three_minutes_like_upstreams_retry_middleware() {
        assertThat(ApiRetryPolicy.SNO.longestWait()).isEqualTo(Duration.ofSeconds(191));
        assertThat(ApiRetryPolicy.SNO.longestWait()).as("more than fabric8's default of about 19 s")
                .isGreaterThan(new ApiRetryPolicy(Duration.ofMillis(100), 10).longestWait().multipliedBy(9));
    }

    @Test
    void it_is_set_on_the_client_config() {
        Config config = ApiRetryPolicy.SNO.applyTo(Config.empty());
        assertThat(config.getRequestRetryBackoffInterval()).isEqualTo(1000);
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(10);
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> new ApiRetryPolicy(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiRetryPolicy(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
