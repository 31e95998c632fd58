package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.function.UnaryOperator;

/**
 * fabric8's CRUD mock API server on loopback with the ImageBasedUpgrade CRD loaded, for the controller tests (no
 * dependency on {@code local}'s embedded server). {@link #put} writes raw JSON, which the mock stores as given: the
 * way to hand the agent an object the real API server would accept but Java cannot read.
 */
final class MockApi implements AutoCloseable {
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger(
            "io.fabric8.mockwebserver");
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockApi() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        MockWebServer web = new MockWebServer();
        web.setHttp2ClearTextEnabled(false);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = client(UnaryOperator.identity());
        client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrd.definition()).create();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    int port() {
        return server.getPort();
    }

    /** A client of this server (another one for each call); {@code tune} may change the config, e.g. the URL. */
    KubernetesClient client(UnaryOperator<ConfigBuilder> tune) {
        Config config = tune.apply(new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("test")
                .withTrustCerts(true).withRequestRetryBackoffLimit(0)).build();
        return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).withConfig(config)
                .build();
    }

    KubernetesClient client() {
        return client;
    }

    /** Sends {@code json} as is with {@code method} (PUT, POST) to {@code path}; returns the HTTP status. */
    int send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return RAW.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
