package dev.ibu.agent.observability;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * client-go's {@code rest_client_requests_total{code,method,host}}, counted by a fabric8 {@link Interceptor} on the
 * agent's client: every attempt (a retried call counts each time, as client-go does), by HTTP status code, or
 * {@code <error>} when no response came (connection refused, reset); host is the API server's host:port. Add it with
 * {@code new KubernetesClientBuilder().withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(NAME, it))}.
 */
public final class RestClientMetrics implements Interceptor {
    public static final String NAME = "ibu-rest-client-metrics";

    private final Counter requests;

    public RestClientMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("rest_client_requests_total")
                .help("Number of HTTP requests, partitioned by status code, method, and host.")
                .labelNames("code", "method", "host").register(registry);
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        count(String.valueOf(response.code()), request);
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        count("<error>", request);
    }

    private void count(String code, HttpRequest request) {
        requests.labelValues(code, request.method(), host(request.uri())).inc();
    }

    private static String host(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
