package dev.ibu.adapters.oadp.strict;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client interceptor that counts the requests a client sends by verb and resource ({@code list backups},
 * {@code get restores}, {@code watch restores}, {@code patch persistentvolumes}...), read from the URL as the API
 * server would route it. Snapshots give the requests of one pass.
 */
public final class RequestCounter implements Interceptor {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(key(request.method(), request.uri().getPath(), request.uri().getQuery()),
                k -> new AtomicInteger()).incrementAndGet();
    }

    /** All counts so far, sorted by key. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** What was sent between two snapshots (keys with no change left out). */
    public static Map<String, Integer> since(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> out = new TreeMap<>();
        after.forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** The sum over keys starting with {@code verb + " "}. */
    public static int total(Map<String, Integer> counts, String verb) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(verb + " "))
                .mapToInt(Map.Entry::getValue).sum();
    }

    static String key(String method, String path, String query) {
        List<String> parts = List.of(path.replaceFirst("^/", "").split("/"));
        int skip = parts.size() > 0 && "api".equals(parts.get(0)) ? 2 : 3;  // /api/v1 or /apis/group/version
        List<String> rest = parts.size() > skip ? parts.subList(skip, parts.size()) : List.of();
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.isEmpty() ? path : rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean collection = rest.size() == 1;
        String verb = switch (method) {
            case "GET" -> query != null && query.contains("watch=true") ? "watch" : collection ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return verb + " " + resource;
    }
}
