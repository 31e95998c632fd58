package dev.ibu.agent.wiring;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way the agent's commands ({@code run}, {@code post-pivot}, {@code cleanup}, {@code diagnose}) open a
 * Kubernetes client: the JDK HTTP client (no Netty/Vert.x on the node), the kubeconfig of {@code --kubeconfig} or else
 * fabric8's usual search ($KUBECONFIG, ~/.kube/config, then the in-cluster service account), and the timeouts and
 * retry backoff of {@link Settings}, stated here rather than inherited from fabric8's defaults. {@code run} adds its
 * API retry policy to the settings and its request metrics as an HTTP hook; nothing else builds a client.
 */
public final class KubeClient {
    /**
     * How patient the client is with the API server.
     *
     * @param connectTimeout  to open a connection
     * @param requestTimeout  for one request's answer
     * @param retries         how many times a failed request (connection error, 5xx) is retried
     * @param firstRetryAfter the first retry's delay; each next one doubles it
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int retries, Duration firstRetryAfter) {
        /**
         * The agent's: retries 0.5+1+2+4+8 s, about 15 s in all, ride out an API server restart (as after a pivot)
         * before the controller's own backoff takes over.
         */
        public static final Settings AGENT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
                Duration.ofMillis(500));

        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(firstRetryAfter, "firstRetryAfter");
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
            }
        }

        /** These timeouts with another retry policy ({@code run}'s rides out a longer API server outage). */
        public Settings retrying(int retries, Duration firstRetryAfter) {
            return new Settings(connectTimeout, requestTimeout, retries, firstRetryAfter);
        }
    }

    /** An HTTP client hook that changes nothing. */
    public static final Consumer<HttpClient.Builder> NO_HOOK = b -> { };

    private KubeClient() {
    }

    /**
     * A client for {@code kubeconfig} (empty: $KUBECONFIG, ~/.kube/config, then in-cluster); a message naming
     * {@code --kubeconfig} and the fix when that file cannot be read as a kubeconfig.
     */
    public static Either<String, KubernetesClient> open(Optional<Path> kubeconfig, Settings settings) {
        return open(kubeconfig, settings, NO_HOOK);
    }

    /**
     * As {@link #open(Optional, Settings)}, and {@code http} sees the HTTP client's builder before it is built (e.g.
     * to add an interceptor that counts requests).
     */
    public static Either<String, KubernetesClient> open(Optional<Path> kubeconfig, Settings settings,
            Consumer<HttpClient.Builder> http) {
        return config(kubeconfig).map(c -> build(c, settings, http));
    }

    /** A client on an already made configuration (e.g. a test's API server), with {@code settings}. */
    public static KubernetesClient build(Config config, Settings settings) {
        return build(config, settings, NO_HOOK);
    }

    /**
     * A client on {@code config} (changed in place: a copy could lose an auto-configured token refresh), with
     * {@code settings} and the HTTP hook {@code http}.
     */
    public static KubernetesClient build(Config config, Settings settings, Consumer<HttpClient.Builder> http) {
        config.setConnectionTimeout(millis(settings.connectTimeout()));
        config.setRequestTimeout(millis(settings.requestTimeout()));
        config.setRequestRetryBackoffLimit(settings.retries());
        config.setRequestRetryBackoffInterval(millis(settings.firstRetryAfter()));
        return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(http).withConfig(config).build();
    }

    private static Either<String, Config> config(Optional<Path> kubeconfig) {
        if (kubeconfig.isEmpty()) {
            return Either.right(Config.autoConfigure(null));
        }
        Path file = kubeconfig.get();
        try {
            return Either.right(Config.fromKubeconfig(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Either.left("--kubeconfig " + file + " cannot be read as a kubeconfig (" + e.getMessage()
                    + "): give a readable kubeconfig file, or leave --kubeconfig out to use $KUBECONFIG, "
                    + "~/.kube/config or the in-cluster config");
        }
    }

    private static int millis(Duration d) {
        return Math.toIntExact(d.toMillis());
    }
}
