package dev.ibu.adapters.oadp.local;

import com.sun.net.httpserver.HttpServer;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.AuditEvent;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The strict API server ({@link ApiServer}) for the local backup's tests, and a node directory for its files. The
 * fixtures are written by an administrator ({@link #client()}); the adapter acts as the agent's ServiceAccount
 * ({@link #agent()}) with exactly the RBAC of {@code ibu-agent/deploy/base}, local-backup files included, so a
 * permission the adapter needs and the deploy files do not grant fails the tests as it would fail on a cluster.
 * {@link #startApiServer()} is the one place that starts the server.
 */
public final class LocalCluster implements AutoCloseable {
    static final Path DEPLOY = Path.of("../ibu-agent/deploy");
    static final String AGENT_NAMESPACE = "openshift-lifecycle-agent";
    /** The deploy files that make the agent's ServiceAccount and its permissions. */
    static final List<String> RBAC = List.of("namespace.yaml", "service-account.yaml", "role.yaml", "cluster-role.yaml",
            "role-binding.yaml", "cluster-role-binding.yaml", "cluster-role-local-backup.yaml",
            "cluster-role-binding-local-backup.yaml");
    /**
     * What cluster-role-local-backup.yaml asks the administrator to add for a kind it does not list: the test
     * application's custom kind (Widget, its status for restoreStatus).
     */
    static final String SHOP_KINDS = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ibu-agent-local-backup-shop}
            rules:
            - apiGroups: [example.com]
              resources: [widgets]
              verbs: [get, list, patch, create]
            - apiGroups: [example.com]
              resources: [widgets/status]
              verbs: [update]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ibu-agent-local-backup-shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ibu-agent-local-backup-shop}
            subjects: [{kind: ServiceAccount, name: lifecycle-agent-controller-manager, namespace: openshift-lifecycle-agent}]
            """;
    /**
     * What the agent asked the server, for AgentRbacProofTest: written to target/agent-requests when this test JVM
     * exits (the tests do not all close their cluster), as the other strict-server harnesses record. Left out, as not
     * deploy/base's business: requests on the test's own kinds (SHOP_KINDS, granted by the test as an administrator
     * would), and denied lists: a Backup that takes all kinds of a namespace lists every kind the server serves and
     * skips those its ClusterRoles do not name (403, as ObjectCollector documents), while a kind a Backup names and
     * the agent may not list fails that backup, so a missing rule still fails the test that needs it.
     */
    private static final RequestLog RECORDING = recording();
    private static final Predicate<AuditEvent> NOT_RECORDED = e -> e.group().equals("example.com")
            || !e.allowed() && e.verb().equals("list");
    private static final String FAULT_CODE = "X-Test-Fault-Code";
    private static final String FAULT_MESSAGE = "X-Test-Fault-Message";

    private final ApiServer server;
    private final KubernetesClient admin;
    private final KubernetesClient agent;
    private final Path hostRoot;
    private final Set<String> seed;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final HttpServer faultServer;

    private record Fault(String method, String pathPart, int code, String message) {
    }

    private LocalCluster(ApiServer server, Path hostRoot) throws IOException {
        this.server = server;
        this.hostRoot = hostRoot;
        this.faultServer = startFaultServer();
        server.addAuditListener(e -> {
            if (!NOT_RECORDED.test(e)) {
                RECORDING.accept(e);
            }
        });
        this.admin = server.clientAs(Identity.admin());
        this.agent = agentClient();
        this.seed = stored();
    }

    /** The agent's requests of {@code method} whose path contains {@code pathPart} get {@code code} until cleared. */
    public void refuse(String method, String pathPart, int code, String message) {
        faults.add(new Fault(method, pathPart, code, message));
    }

    private static RequestLog recording() {
        RequestLog log = new RequestLog(Identity.lifecycleAgent());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> log.writeTo(
                Path.of("target/agent-requests/LocalBackupLocalCluster.tsv"))));
        return log;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** A server with the agent's RBAC, and a host root with an (empty) shared container partition. */
    public static LocalCluster start() {
        try {
            Path host = Files.createTempDirectory("ibu-local-host");
            Files.createDirectories(host.resolve("var/lib/containers"));
            return new LocalCluster(startApiServer(), host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API server, as the seed's cluster holds it: the IBU CRD and the agent's ServiceAccount with its RBAC. */
    static ApiServer startApiServer() {
        ApiServer server = ApiServer.builder().port(0).https(true).start();
        server.apply(DEPLOY.resolve("crd/imagebasedupgrades.yaml"), "default");
        for (String file : RBAC) {
            server.apply(DEPLOY.resolve("base").resolve(file), AGENT_NAMESPACE);
        }
        server.apply(new java.io.ByteArrayInputStream(SHOP_KINDS.getBytes(StandardCharsets.UTF_8)), AGENT_NAMESPACE);
        return server;
    }

    /** An administrator's client: fixtures, wipes and the tests' own reads. */
    public KubernetesClient client() {
        return admin;
    }

    /** The agent's client: its ServiceAccount's token, the faults of {@link #refuse}. What the adapter uses. */
    public KubernetesClient agent() {
        return agent;
    }

    /** Creates the namespace unless it exists (the strict server refuses objects in a missing namespace). */
    public void ensureNamespace(String name) {
        if (admin.namespaces().withName(name).get() == null) {
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(name).endMetadata().build()).create();
        }
    }

    public Path hostRoot() {
        return hostRoot;
    }

    public LocalBackupSettings settings() {
        return LocalBackupSettings.onHost(hostRoot).withSpace(dir -> 10L << 30);
    }

    /**
     * What the pivot does to the API: etcd comes from the seed, so no object of the application is left. The seed's
     * own objects (what the server held before the test: system namespaces, the IBU CRD, the agent's RBAC) stay.
     */
    public void wipe() {
        ResourceCatalog catalog = ResourceCatalog.discover(admin).get();
        // custom kinds first, their definitions and the namespaces last
        List<ApiResource> kinds = catalog.all().stream().sorted(java.util.Comparator.comparing(
                r -> r.kind().equals("CustomResourceDefinition") || r.kind().equals("Namespace"))).toList();
        for (ApiResource r : kinds) {
            var op = admin.genericKubernetesResources(r.context());
            for (GenericKubernetesResource item : items(r)) {
                if (!seed.contains(key(r, item))) {
                    (r.namespaced() ? op.inNamespace(item.getMetadata().getNamespace()) : op)
                            .withName(item.getMetadata().getName()).delete();
                }
            }
        }
    }

    private Set<String> stored() {
        Set<String> keys = new HashSet<>();
        for (ApiResource r : ResourceCatalog.discover(admin).get().all()) {
            items(r).forEach(item -> keys.add(key(r, item)));
        }
        return keys;
    }

    private List<GenericKubernetesResource> items(ApiResource r) {
        var op = admin.genericKubernetesResources(r.context());
        return r.namespaced() ? op.inAnyNamespace().list().getItems() : op.list().getItems();
    }

    private static String key(ApiResource r, GenericKubernetesResource item) {
        return r.group() + "/" + r.plural() + "/" + item.getMetadata().getNamespace() + "/" + item.getMetadata().getName();
    }

    /**
     * The agent's client. A request matching a fault goes to a loopback server that answers the fault's status
     * (the strict server itself has no fault injection); every other request reaches the API server.
     */
    private KubernetesClient agentClient() {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withOauthToken(server.tokenFor(Identity.lifecycleAgent())).withNamespace("default")
                .withOnlyHttpWatches(true).withRequestRetryBackoffLimit(0);
        server.certificatePem().ifPresent(pem -> config.withCaCertData(
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
        Interceptor faulty = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                String path = request.uri().getRawPath();
                for (Fault f : faults) {
                    if (f.method().equals(request.method()) && path.contains(f.pathPart())) {
                        String query = request.uri().getRawQuery();
                        builder.uri(URI.create("http://127.0.0.1:" + faultServer.getAddress().getPort() + path
                                + (query == null ? "" : "?" + query)));
                        builder.setHeader(FAULT_CODE, Integer.toString(f.code()));
                        builder.setHeader(FAULT_MESSAGE, f.message());
                        return;
                    }
                }
            }
        };
        return new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("test-faults", faulty)).build();
    }

    private static HttpServer startFaultServer() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            int code = Integer.parseInt(exchange.getRequestHeaders().getFirst(FAULT_CODE));
            String message = exchange.getRequestHeaders().getFirst(FAULT_MESSAGE);
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                    + ",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    @Override
    public void close() {
        agent.close();
        admin.close();
        server.close();
        faultServer.stop(0);
        try (var walk = Files.walk(hostRoot)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
