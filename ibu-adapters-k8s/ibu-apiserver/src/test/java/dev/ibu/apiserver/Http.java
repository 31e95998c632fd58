package dev.ibu.apiserver;

import dev.ibu.apiserver.json.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Raw requests through a fabric8 client's own HTTP client (its identity and TLS), answering code and JSON body. */
public final class Http {
    private final KubernetesClient client;
    private final String base;

    public record Reply(int code, JsonNode body) {
        public String message() {
            return body.path("message").asString("");
        }
    }

    public Http(ApiServer server, KubernetesClient client) {
        this.client = client;
        this.base = server.url();
    }

    public Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = client.getHttpClient().newHttpRequestBuilder().uri(base + path);
        if (body != null) {
            b.method(method, contentType, body);
        } else if (!method.equals("GET")) {
            b.method(method, "application/json", "");
        }
        try {
            HttpResponse<String> r = client.getHttpClient().sendAsync(b.build(), String.class).get();
            String text = r.body();
            return new Reply(r.code(), text == null || text.isBlank() ? Json.object() : Json.parse(text));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Reply patch(String path, String type, String json) {
        return send("PATCH", path, type, json);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }
}
