package dev.ibu.adapters.k8s;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** Test helpers around fabric8's CRUD mock API server with the generated CRD loaded. */
public final class MockApi {
    private MockApi() {
    }

    /** Loads the generated CRD so that {@code /status} is a real subresource in the mock. */
    public static void loadCrd(KubernetesClient client) {
        client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrd.definition()).create();
    }

    /** A client to the same server that does not retry failed requests (fabric8 retries 5xx by default). */
    public static KubernetesClient withoutRetries(KubernetesClient client) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0).build()).build();
    }

    /** A Kubernetes {@code Status} body for an injected error. */
    public static String status(int code, String reason, String message) {
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(new StatusBuilder().withStatus("Failure")
                .withCode(code).withReason(reason).withMessage(message).build());
    }

    /** Drains the requests the server has seen so far (the mock keeps them all). */
    public static List<RecordedRequest> drain(KubernetesMockServer server) throws InterruptedException {
        List<RecordedRequest> seen = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            seen.add(r);
        }
        return seen;
    }
}
