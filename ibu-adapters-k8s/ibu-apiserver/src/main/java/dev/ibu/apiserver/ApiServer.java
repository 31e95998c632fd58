package dev.ibu.apiserver;

import dev.ibu.apiserver.auth.RbacAuthorizer;
import dev.ibu.apiserver.auth.Tokens;
import dev.ibu.apiserver.discovery.Discovery;
import dev.ibu.apiserver.discovery.OpenApiV3;
import dev.ibu.apiserver.discovery.Tables;
import dev.ibu.apiserver.http.HttpFront;
import dev.ibu.apiserver.http.ResourceEndpoint;
import dev.ibu.apiserver.http.Router;
import dev.ibu.apiserver.http.SelfSignedCertificate;
import dev.ibu.apiserver.http.WatchStreamer;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.rest.ResourceService;
import dev.ibu.apiserver.store.ObjectStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strict embedded Kubernetes API server on the loopback address. See the package documentation for what it does
 * and what it does not do compared with a real kube-apiserver.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.builder().start()) {
 *     server.apply(Path.of("deploy/crd/imagebasedupgrades.yaml"), "default");
 *     KubernetesClient agent = server.clientAs(Identity.lifecycleAgent());
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private final ObjectStore store;
    private final Tokens tokens;
    private final Manifests manifests;
    private final HttpFront front;
    private final Optional<SelfSignedCertificate> certificate;
    private final Hooks hooks = new Hooks();
    private final RbacAuthorizer authorizer;

    private ApiServer(Builder b) {
        Clock clock = b.clock;
        this.store = new ObjectStore(b.historyLimit);
        ResourceRegistry registry = new ResourceRegistry();
        ResourceService service = new ResourceService(store, registry, clock);
        this.tokens = new Tokens();
        this.manifests = new Manifests(registry, service);
        SYSTEM_NAMESPACES.forEach(manifests::ensureNamespace);
        Tables tables = new Tables(clock);
        Discovery discovery = new Discovery(registry);
        this.authorizer = new RbacAuthorizer(store);
        ResourceEndpoint endpoint = new ResourceEndpoint(registry, authorizer, service,
                new WatchStreamer(store, tables), tables, hooks, tokens);
        this.certificate = b.https ? Optional.of(SelfSignedCertificate.create()) : Optional.empty();
        this.front = HttpFront.start(b.port, certificate.map(SelfSignedCertificate::context),
                new Router(tokens, discovery, new OpenApiV3(registry, discovery), endpoint));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String url() {
        return (certificate.isPresent() ? "https" : "http") + "://127.0.0.1:" + front.port();
    }

    public int port() {
        return front.port();
    }

    /** The PEM of the self-signed certificate, when serving https. */
    public Optional<String> certificatePem() {
        return certificate.map(SelfSignedCertificate::pem);
    }

    /** The bearer token that authenticates as the identity. */
    public String tokenFor(Identity identity) {
        return tokens.tokenFor(identity);
    }

    /** Applies YAML documents as an administrator (created or replaced); namespaced ones default to the namespace. */
    public List<ObjectNode> apply(InputStream yaml, String defaultNamespace) {
        return manifests.apply(yaml, defaultNamespace);
    }

    public List<ObjectNode> apply(Path yaml, String defaultNamespace) {
        try (InputStream in = Files.newInputStream(yaml)) {
            return apply(in, defaultNamespace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml, e);
        }
    }

    /** A fabric8 client (JDK http client) acting as the identity. Watches go over HTTP, as kubectl's do. */
    public KubernetesClient clientAs(Identity identity) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withOauthToken(tokenFor(identity))
                .withNamespace("default")
                .withOnlyHttpWatches(true)
                .withRequestRetryBackoffLimit(0);
        certificate.ifPresent(c -> config.withCaCertData(java.util.Base64.getEncoder().encodeToString(c.pem().getBytes())));
        return new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /** Writes a kubeconfig (mode 0600) for kubectl acting as the identity. */
    public Path writeKubeconfig(Path path, Identity identity) {
        return Kubeconfig.write(path, url(), certificatePem(), identity, tokenFor(identity));
    }

    /**
     * Tells the listener about every resource request from now on, allowed or not, before it is served (on the
     * request's thread). Tests record what an identity asks for, e.g. to prove RBAC rules are each needed.
     */
    public void addAuditListener(Consumer<AuditEvent> listener) {
        hooks.addListener(listener);
    }

    public void removeAuditListener(Consumer<AuditEvent> listener) {
        hooks.removeListener(listener);
    }

    /** Whether the RBAC objects now in the server allow the identity this request (what a SelfSubjectAccessReview answers). */
    public boolean allows(Identity identity, RequestLog.Request r) {
        return authorizer.allows(new dev.ibu.apiserver.auth.Attributes(identity, r.verb(), r.group(), r.resource(),
                r.subresource(), r.namespace(), r.name()));
    }

    /** Adds a fault; matching requests are answered by it until it is spent (see {@link Fault}). */
    public Fault inject(Fault fault) {
        hooks.inject(fault);
        return fault;
    }

    public void removeFault(Fault fault) {
        hooks.remove(fault);
    }

    public void clearFaults() {
        hooks.clear();
    }

    /** Forgets the watch history, so that watches from an older resourceVersion get 410 Gone (as after etcd compaction). */
    public void compactHistory() {
        store.compact();
    }

    /** How many watches are open (tests wait for a client's watch before changing what it watches). */
    public int openWatches() {
        return store.openWatches();
    }

    public long resourceVersion() {
        return store.revision();
    }

    @Override
    public void close() {
        store.closeWatches();
        front.close();
    }

    /**
     * Options: port (0, a free port, by default), https with a self-signed certificate (the default: kubectl sends a
     * bearer token only over TLS, so over plain http it acts as system:anonymous), clock, watch history size.
     */
    public static final class Builder {
        private int port;
        private boolean https = true;
        private Clock clock = Clock.systemUTC();
        private int historyLimit = 10_000;

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder historyLimit(int events) {
            this.historyLimit = events;
            return this;
        }

        public ApiServer start() {
            return new ApiServer(this);
        }
    }
}
