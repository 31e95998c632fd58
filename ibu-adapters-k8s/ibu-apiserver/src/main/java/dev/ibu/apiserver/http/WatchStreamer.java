package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.discovery.Tables;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.rest.FieldSelector;
import dev.ibu.apiserver.rest.LabelSelector;
import dev.ibu.apiserver.rest.ResourceService;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import dev.ibu.apiserver.store.Subscription;
import dev.ibu.apiserver.store.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch over chunked HTTP, one JSON event per line, as kubectl and fabric8's HTTP watch read it. Without a
 * resourceVersion (or with "0") the current objects come first as ADDED; with one, the retained history after it
 * is replayed, or an ERROR event with a 410 Expired Status says it is too old. An object that stops matching the
 * selectors is sent as DELETED. Bookmarks are sent while idle when allowed. WebSocket upgrades are refused with
 * 503, on which fabric8 falls back to this HTTP watch.
 */
public final class WatchStreamer {
    private static final long BOOKMARK_EVERY_MS = 5_000;
    private final ObjectStore store;
    private final Tables tables;

    public WatchStreamer(ObjectStore store, Tables tables) {
        this.store = store;
        this.tables = tables;
    }

    void stream(HttpExchange ex, ApiRequest r, ResourceType t, String namespace, String name) throws IOException {
        if (r.header("Upgrade").map(u -> u.equalsIgnoreCase("websocket")).orElse(false)) {
            throw StatusError.unavailable("websocket watches are not served; use a chunked HTTP watch");
        }
        LabelSelector labels = LabelSelector.parse(r.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(r.param("fieldSelector"), t.plural());
        Predicate<StoreKey> scope = k -> k.sameResource(t.group(), t.plural())
                && (namespace.isEmpty() || k.namespace().equals(namespace)) && (name.isEmpty() || k.name().equals(name));
        String rv = r.param("resourceVersion");
        Optional<Subscription> sub = rv.isEmpty() || rv.equals("0")
                ? Optional.of(store.watchWithInitialState(scope))
                : store.watchFrom(parse(rv), scope);
        long timeoutMs = r.param("timeoutSeconds").isEmpty() ? Long.MAX_VALUE : Long.parseLong(r.param("timeoutSeconds")) * 1000;
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-cache, private");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if (sub.isEmpty()) {
                write(out, event("ERROR", StatusError.expired("too old resource version: " + rv + " (" + store.oldestResumable() + ")").status()));
                return;
            }
            try (Subscription s = sub.get()) {
                Set<StoreKey> matching = new HashSet<>();
                if (!rv.isEmpty() && !rv.equals("0")) {
                    store.list(t.group(), t.plural(), namespace.isEmpty() ? null : namespace).stream()
                            .filter(o -> labels.matches(o) && fields.matches(o))
                            .forEach(o -> matching.add(new StoreKey(t.group(), t.plural(), t.namespaced() ? namespace(o) : "", name(o))));
                }
                pump(out, s, t, r, labels, fields, timeoutMs, matching);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the server stops: the watch ends
        }
    }

    private void pump(OutputStream out, Subscription s, ResourceType t, ApiRequest r, LabelSelector labels,
                      FieldSelector fields, long timeoutMs, Set<StoreKey> matching) throws IOException, InterruptedException {
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        boolean bookmarks = "true".equals(r.param("allowWatchBookmarks"));
        boolean table = r.wantsTable();
        boolean first = true;
        long lastWrite = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && !s.isClosed()) {
            WatchEvent e = s.next(Math.min(1000, Math.max(1, deadline - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
            if (e == null) {
                if (bookmarks && System.currentTimeMillis() - lastWrite > BOOKMARK_EVERY_MS) {
                    write(out, event("BOOKMARK", bookmark(t)));
                    lastWrite = System.currentTimeMillis();
                }
                continue;
            }
            String type = visibleType(e, labels.matches(e.object()) && fields.matches(e.object()), matching);
            if (type == null) {
                continue;
            }
            ObjectNode object = ResourceService.present(t, e.object());
            JsonNode payload = table ? tables.table(t, object, r.param("includeObject"), first) : object;
            write(out, event(type, payload));
            first = false;
            lastWrite = System.currentTimeMillis();
        }
    }

    /** The event type a selector-filtered watch shows, or null when the object is not visible to it. */
    private static String visibleType(WatchEvent e, boolean matches, Set<StoreKey> matching) {
        boolean was = matching.contains(e.key());
        if (e.type().equals("DELETED")) {
            matching.remove(e.key());
            return matches || was ? "DELETED" : null;
        }
        if (matches) {
            matching.add(e.key());
            return was || !e.type().equals("MODIFIED") ? e.type() : "ADDED";
        }
        matching.remove(e.key());
        return was ? "DELETED" : null;
    }

    private static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asString("");
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asString("");
    }

    private ObjectNode bookmark(ResourceType t) {
        ObjectNode o = Json.object().put("apiVersion", t.apiVersion()).put("kind", t.kind());
        o.putObject("metadata").put("resourceVersion", String.valueOf(store.revision()));
        return o;
    }

    private static ObjectNode event(String type, JsonNode object) {
        ObjectNode e = Json.object().put("type", type);
        e.set("object", object);
        return e;
    }

    private static void write(OutputStream out, JsonNode event) throws IOException {
        out.write(Json.bytes(event));
        out.write('\n');
        out.flush();
    }

    private static long parse(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw StatusError.badRequest("invalid resource version: " + rv);
        }
    }
}
