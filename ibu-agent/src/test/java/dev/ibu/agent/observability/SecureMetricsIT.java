package dev.ibu.agent.observability;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics over TLS with the decisions of controller-runtime's authentication and authorization filter, against a
 * mock API server that answers TokenReviews (token "prometheus" and "someone" are valid) and SubjectAccessReviews
 * (only Prometheus' ServiceAccount may get /metrics).
 */
class SecureMetricsIT {
    private static final String PROMETHEUS = "system:serviceaccount:openshift-monitoring:prometheus-k8s";
    private final KubernetesMockServer api = new KubernetesMockServer(false);
    private final List<SubjectAccessReview> reviews = new CopyOnWriteArrayList<>();
    private final List<String> tokenReviews = new CopyOnWriteArrayList<>();
    private final AtomicReference<X509Certificate> served = new AtomicReference<>();
    private KubernetesClient client;
    private MetricsServer server;
    private Path certDir;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        api.init(InetAddress.getLoopbackAddress(), 0);
        api.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, req -> {
            TokenReview in = Serialization.unmarshal(req.getUtf8Body(), TokenReview.class);
            String token = in.getSpec().getToken();
            tokenReviews.add(token);
            boolean known = token.equals("prometheus") || token.equals("someone");
            return new TokenReviewBuilder(in).withNewStatus().withAuthenticated(known)
                    .withNewUser().withUsername(token.equals("prometheus") ? PROMETHEUS : "someone")
                    .withGroups("system:authenticated").endUser().endStatus().build();
        }).always();
        api.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, req -> {
            SubjectAccessReview in = Serialization.unmarshal(req.getUtf8Body(), SubjectAccessReview.class);
            reviews.add(in);
            boolean allowed = PROMETHEUS.equals(in.getSpec().getUser());
            return new SubjectAccessReviewBuilder(in).withNewStatus().withAllowed(allowed).endStatus().build();
        }).always();
        client = api.createClient(new JdkHttpClientFactory());
        certDir = dir;
        copyPair("a");
        PrometheusRegistry registry = new PrometheusRegistry();
        new ReconcileMetrics(registry).reconciled(dev.ibu.ports.in.ReconcileResult.done("ok"), Duration.ofMillis(5));
        server = MetricsServer.secure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                ServingCertificate.load(certDir, Duration.ZERO), new MetricsAccess(client));
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        api.destroy();
    }

    @Test
    void no_token_or_an_unknown_token_is_401_an_unauthorized_user_403_and_prometheus_reads_the_metrics()
            throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("Bearer stolen").statusCode()).isEqualTo(401);
        HttpResponse<String> denied = get("Bearer someone");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Authorization denied for user someone");

        HttpResponse<String> ok = get("Bearer prometheus");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("ibu_reconciles_total 1.0")
                .contains("controller_runtime_reconcile_total{controller=\"imagebasedupgrade\",result=\"success\"} "
                        + "1.0");
        SubjectAccessReview review = reviews.get(reviews.size() - 1);
        assertThat(review.getSpec().getNonResourceAttributes().getPath()).isEqualTo("/metrics");
        assertThat(review.getSpec().getNonResourceAttributes().getVerb()).isEqualTo("get");
        assertThat(review.getSpec().getGroups()).containsExactly("system:authenticated");
        assertThat(served.get().getSubjectX500Principal().getName()).contains("ibu-agent-metrics-test-a");
    }

    @Test
    void decisions_are_cached_as_controller_runtime_caches_them() throws Exception {
        assertThat(get("Bearer prometheus").statusCode()).isEqualTo(200);
        assertThat(get("Bearer prometheus").statusCode()).isEqualTo(200);
        assertThat(get("Bearer someone").statusCode()).isEqualTo(403);
        assertThat(get("Bearer someone").statusCode()).isEqualTo(403);

        assertThat(tokenReviews).containsExactly("prometheus", "someone");
        assertThat(reviews).hasSize(2);
    }

    @Test
    void a_rotated_certificate_is_served_without_a_restart() throws Exception {
        assertThat(get("Bearer prometheus").statusCode()).isEqualTo(200);
        assertThat(served.get().getSubjectX500Principal().getName()).contains("test-a");

        copyPair("b");

        assertThat(get("Bearer prometheus").statusCode()).isEqualTo(200);
        assertThat(served.get().getSubjectX500Principal().getName()).contains("test-b");
    }

    @Test
    void an_ec_key_is_read_and_a_missing_pair_names_the_option_and_the_fix(@TempDir Path empty) throws Exception {
        Path ec = empty.resolve("ec");
        Files.createDirectories(ec);
        for (String f : List.of(ServingCertificate.CERT, ServingCertificate.KEY)) {
            try (var in = getClass().getResourceAsStream("/metrics-tls/ec/" + f)) {
                Files.copy(in, ec.resolve(f));
            }
        }
        assertThat(ServingCertificate.load(ec, Duration.ZERO).certificate().getSubjectX500Principal().getName())
                .contains("test-ec");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServingCertificate.load(empty, Duration.ZERO))
                .hasMessageContaining("tls.crt cannot be read").hasMessageContaining("--metrics-cert-dir")
                .hasMessageContaining("--metrics-secure=false");
    }

    private void copyPair(String name) throws Exception {
        for (String f : List.of(ServingCertificate.CERT, ServingCertificate.KEY)) {
            try (var in = getClass().getResourceAsStream("/metrics-tls/" + name + "/" + f)) {
                Path tmp = certDir.resolve(f + ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, certDir.resolve(f), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** A fresh TLS connection each time (no session reuse), recording the certificate the server presented. */
    private HttpResponse<String> get(String authorization) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new Recording()}, null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
                + "/metrics")).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private final class Recording extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            served.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            served.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            served.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
