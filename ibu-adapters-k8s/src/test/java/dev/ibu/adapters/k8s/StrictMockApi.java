package dev.ibu.adapters.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** A CRUD mock API server with {@link ApiServerRules} and the generated CRD loaded; close it after the test. */
public final class StrictMockApi implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public StrictMockApi() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        MockWebServer web = new MockWebServer();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, responses,
                new ApiServerRules(new KubernetesMixedDispatcher(responses)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        MockApi.loadCrd(client);
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
