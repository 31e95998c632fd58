package dev.ibu.agent.controller;

import dev.ibu.agent.wiring.KubeClient;
import io.fabric8.kubernetes.client.Config;

import java.time.Duration;

/**
 * How each API call rides out an API server that is away (restarting during an upgrade or a certificate rotation on
 * a single node): fabric8 retries a call that failed to connect or got 429/5xx after {@code interval}, doubling up to
 * 32 x {@code interval}, at most {@code retries} times, then the call fails; the controller then requeues with its
 * own backoff ({@link Controller.Settings}: 1 s doubling to 5 min) and the Lease tolerates
 * {@link LeaderElection.Timings#SNO}'s renew deadline. Watches reconnect on their own, forever
 * ({@link IbuInformer}).
 *
 * @param interval the first wait (fabric8's {@code requestRetryBackoffInterval})
 * @param retries  how many retries (fabric8's {@code requestRetryBackoffLimit}; 0: none)
 */
public record ApiRetryPolicy(Duration interval, int retries) {
    /**
     * Upstream wraps every client in a retry middleware that keeps retrying for "about 3 minutes"; 1 s and 10
     * retries wait 1+2+4+8+16+5x32 = 191 s. (fabric8's default, 100 ms and 10, gives up after about 19 s.)
     */
    public static final ApiRetryPolicy SNO = new ApiRetryPolicy(Duration.ofSeconds(1), 10);

    public ApiRetryPolicy {
        if (interval.isNegative() || interval.isZero() || retries < 0) {
            throw new IllegalArgumentException("the API retry policy needs a positive interval and retries >= 0, got "
                    + interval + " and " + retries);
        }
    }

    /** Sets this policy on {@code config} (in place: a copy could lose an auto-configured token refresh). */
    public Config applyTo(Config config) {
        config.setRequestRetryBackoffInterval((int) interval.toMillis());
        config.setRequestRetryBackoffLimit(retries);
        return config;
    }

    /** {@code settings} with this policy's retries: what {@code run} gives {@link KubeClient}, the one builder. */
    public KubeClient.Settings applyTo(KubeClient.Settings settings) {
        return settings.retrying(retries, interval);
    }

    /** The longest a single call keeps retrying before it fails (not counting the calls' own timeouts). */
    public Duration longestWait() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < retries; i++) {
            total = total.plus(interval.multipliedBy(1L << Math.min(i, 5)));
        }
        return total;
    }
}
