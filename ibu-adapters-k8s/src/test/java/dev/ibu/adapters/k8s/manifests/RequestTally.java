package dev.ibu.adapters.k8s.manifests;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests a client sends, by method and path with the object name and query left out
 * ({@code POST /api/v1/namespaces/apps/configmaps}, {@code GET /api/v1/namespaces/{name}}): every request, counted
 * where it leaves the client, so a pass's figure is exact whatever the machine's load.
 */
final class RequestTally implements Interceptor {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** A client with {@code base}'s configuration whose requests this tally counts ({@code base} is closed). */
    KubernetesClient counting(KubernetesClient base) {
        try (base) {
            return new KubernetesClientBuilder().withConfig(base.getConfiguration())
                    .withHttpClientFactory(new JdkHttpClientFactory())
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("tally", this)).build();
        }
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(request.method() + " " + shape(request.uri().getPath()), k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** The counts since the last reset, sorted by key. */
    Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void reset() {
        counts.clear();
    }

    /** The path with a trailing object name replaced by {name} (a collection path is kept as it is). */
    static String shape(String path) {
        String[] parts = path.replaceFirst("^/", "").split("/");
        int prefix = "api".equals(parts[0]) ? 2 : 3;  // /api/v1 or /apis/group/version
        int rest = parts.length - prefix;
        if (rest > 0 && rest % 2 == 0) {  // kind/name or namespaces/ns/kind/name
            parts[parts.length - 1] = "{name}";
        }
        return "/" + String.join("/", parts);
    }
}
