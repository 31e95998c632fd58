package dev.ibu.adapters.oadp.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An API server for the local backup's tests and a node directory for its files. The server is the fabric8 CRUD
 * mock with discovery added ({@link DiscoveryDispatcher}); {@link #startApiServer()} is the one place that starts it,
 * so moving to the strict API server module is one edit.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private static final ThreadLocal<DiscoveryDispatcher> LAST = new ThreadLocal<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path hostRoot;
    private final DiscoveryDispatcher dispatcher;

    private LocalCluster(KubernetesMockServer server, KubernetesClient client, Path hostRoot,
                         DiscoveryDispatcher dispatcher) {
        this.server = server;
        this.client = client;
        this.hostRoot = hostRoot;
        this.dispatcher = dispatcher;
    }

    /** The API server answers {@code code} to {@code method} requests whose path contains {@code pathPart}. */
    public void refuse(String method, String pathPart, int code, String message) {
        dispatcher.inject(new DiscoveryDispatcher.Fault(method, pathPart, code, message));
    }

    public void clearFaults() {
        dispatcher.clearFaults();
    }

    /** A server and a host root with an (empty) shared container partition, {@code var/lib/containers}. */
    public static LocalCluster start() {
        try {
            Path host = Files.createTempDirectory("ibu-local-host");
            Files.createDirectories(host.resolve("var/lib/containers"));
            KubernetesMockServer server = startApiServer();
            KubernetesClient base = server.createClient();
            Config config = new ConfigBuilder(base.getConfiguration()).withRequestRetryBackoffLimit(0).build();
            base.close();
            return new LocalCluster(server, new KubernetesClientBuilder().withConfig(config).build(), host, LAST.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API server: the one method to change for another server. */
    static KubernetesMockServer startApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        DiscoveryDispatcher dispatcher = new DiscoveryDispatcher(new KubernetesMixedDispatcher(responses));
        LAST.set(dispatcher);
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                responses, dispatcher, false);
        server.init();
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    public Path hostRoot() {
        return hostRoot;
    }

    public LocalBackupSettings settings() {
        return LocalBackupSettings.onHost(hostRoot).withSpace(dir -> 10L << 30);
    }

    /**
     * What the pivot does to the API: etcd comes from the seed, so no object of the application is left (the seed's
     * own objects are not modelled). Every stored object of every served kind is deleted.
     */
    public void wipe() {
        ResourceCatalog catalog = ResourceCatalog.discover(client).get();
        // custom kinds first, their definitions last
        List<ApiResource> kinds = catalog.all().stream()
                .sorted(java.util.Comparator.comparing(r -> r.kind().equals("CustomResourceDefinition"))).toList();
        for (ApiResource r : kinds) {
            var op = client.genericKubernetesResources(r.context());
            List<GenericKubernetesResource> items = r.namespaced() ? op.inAnyNamespace().list().getItems()
                    : op.list().getItems();
            for (GenericKubernetesResource item : items) {
                (r.namespaced() ? op.inNamespace(item.getMetadata().getNamespace()) : op)
                        .withName(item.getMetadata().getName()).delete();
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try (var walk = Files.walk(hostRoot)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
