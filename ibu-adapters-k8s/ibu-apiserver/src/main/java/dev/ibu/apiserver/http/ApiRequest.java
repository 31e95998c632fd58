package dev.ibu.apiserver.http;

import com.sun.net.httpserver.Headers;
import dev.ibu.apiserver.Identity;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the router sees it: query parameters decoded (first value of each), body read. */
record ApiRequest(String method, String path, Map<String, String> query, Headers headers, byte[] body, Identity identity) {
    String param(String name) {
        return query.getOrDefault(name, "");
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    boolean wantsTable() {
        return header("Accept").map(a -> a.contains("as=Table")).orElse(false);
    }

    boolean dryRun() {
        return "All".equals(param("dryRun"));
    }
}
