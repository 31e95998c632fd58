package dev.ibu.rehearsal.embedded;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * An API server on loopback for {@code local} mode: fabric8's CRUD mock behind {@link KubectlDispatcher}, with the
 * generated ImageBasedUpgrade CRD loaded so that {@code /status} is a real subresource. Not a real API server: no
 * CEL validation, no server-side apply, no watches for kubectl (ARCHITECTURE.md lists what the mock does not do).
 */
public final class EmbeddedApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiServer.class);
    // JUL holds loggers weakly: keep a reference, or the level set below is forgotten
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final boolean https;
    private final KubernetesClient client;
    private final Thread drain;

    private EmbeddedApiServer(KubernetesMockServer server, boolean https) {
        this.server = server;
        this.https = https;
        this.client = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()));
        this.drain = new Thread(this::drainRequests, "embedded-api-request-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts on loopback ({@code port} 0: any free port) and loads the CRD. */
    public static EmbeddedApiServer start(int port, boolean https) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        MockWebServer web = new MockWebServer();
        web.setHttp2ClearTextEnabled(false);
        KubectlDispatcher dispatcher = new KubectlDispatcher(crud, DiscoveryDocuments.all(), ClockPort.systemClock());
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web,
                responses, dispatcher, https, DiscoveryDocuments.versionInfo());
        server.init(InetAddress.getLoopbackAddress(), port);
        EmbeddedApiServer api = new EmbeddedApiServer(server, https);
        api.client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrd.definition()).create();
        LOG.debug("embedded API server listening on {}", api.url());
        return api;
    }

    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return (https ? "https" : "http") + "://" + server.getHostName() + ":" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** Writes a kubeconfig for kubectl (a new self-signed certificate at each start, so TLS is not verified). */
    public Path writeKubeconfig(Path file) {
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: ibu-local\n  cluster:\n    server: " + url()
                + "\n" + (https ? "    insecure-skip-tls-verify: true\n" : "")
                + "contexts:\n- name: ibu-local\n  context:\n    cluster: ibu-local\n    user: ibu-local\n"
                + "    namespace: openshift-lifecycle-agent\ncurrent-context: ibu-local\n"
                + "users:\n- name: ibu-local\n  user:\n    token: local\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + file + " (--kubeconfig-out)", e);
        }
    }

    // the mock keeps every request it saw in an unbounded queue: take them as they come
    private void drainRequests() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                server.takeRequest();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("request drain stopped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        drain.interrupt();
        client.close();
        server.destroy();
    }
}
