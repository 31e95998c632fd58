package dev.ibu.agent.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny loopback HTTP client for the tests. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample line {@code name{labels} value}, e.g. {@code ibu_reconciles_total}. */
    static double sample(String body, String nameAndLabels) {
        for (String line : body.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no sample " + nameAndLabels + " in:\n" + body);
    }
}
