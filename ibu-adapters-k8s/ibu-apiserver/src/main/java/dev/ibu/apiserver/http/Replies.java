package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Writing JSON answers, Status errors and Warning headers. */
final class Replies {
    private Replies() {
    }

    static void json(HttpExchange ex, int code, JsonNode body, List<String> warnings) throws IOException {
        byte[] bytes = Json.bytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-cache, private");
        for (String w : warnings) {
            ex.getResponseHeaders().add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void status(HttpExchange ex, StatusError e) throws IOException {
        json(ex, e.code(), e.status(), List.of());
    }

    static void text(HttpExchange ex, int code, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
