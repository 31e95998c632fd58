package dev.ibu.adapters.oadp.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A fabric8 mock API server in CRUD mode behind {@link AdmissionDispatcher}, plus a client for it. */
public final class MockCluster implements AutoCloseable {
    // JUL holds loggers weakly: keep a reference so the level sticks
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final AdmissionDispatcher admission;

    private MockCluster(KubernetesMockServer server, KubernetesClient client, AdmissionDispatcher admission) {
        this.server = server;
        this.client = client;
        this.admission = admission;
    }

    public static MockCluster start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        AdmissionDispatcher admission = new AdmissionDispatcher(new KubernetesMixedDispatcher(responses));
        MockWebServer web = new MockWebServer();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web,
                responses, admission, false);
        server.init();
        // fabric8 retries 5xx ten times with doubling backoff (about 100 s); injected faults must answer at once
        KubernetesClient base = server.createClient();
        Config config = new ConfigBuilder(base.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        base.close();
        return new MockCluster(server, new KubernetesClientBuilder().withConfig(config).build(), admission);
    }

    public KubernetesClient client() {
        return client;
    }

    /** Requests the API server has answered so far (a figure for reports, never asserted). */
    public int requestCount() {
        return server.getRequestCount();
    }

    public AdmissionDispatcher admission() {
        return admission;
    }

    /** Registers a CRD (no status subresource: Velero's controllers write whole objects). */
    public void installCrd(ResourceDefinitionContext kind) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.getPlural() + "." + kind.getGroup()).endMetadata()
                .withNewSpec().withGroup(kind.getGroup())
                .withScope(kind.isNamespaceScoped() ? "Namespaced" : "Cluster")
                .withNewNames().withKind(kind.getKind()).withPlural(kind.getPlural()).endNames()
                .addNewVersion().withName(kind.getVersion()).withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
