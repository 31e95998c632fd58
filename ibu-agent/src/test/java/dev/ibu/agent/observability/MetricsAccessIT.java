package dev.ibu.agent.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.StrictCluster;
import dev.ibu.apiserver.Identity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secure metrics filter's reviews as the agent's ServiceAccount on the strict API server: a TokenReview for the
 * caller's token, then a SubjectAccessReview for GET on the non-resource URL /metrics. Proves deploy/base lets the
 * agent create both reviews (AgentRbacProofTest reads what this test asked).
 */
class MetricsAccessIT {
    private static final Identity PROMETHEUS = Identity.serviceAccount("openshift-monitoring", "prometheus-k8s");
    private StrictCluster api;
    private MetricsAccess access;

    @BeforeEach
    void start() {
        api = StrictCluster.start(getClass());
        api.server().apply(new ByteArrayInputStream(("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                + "metadata:\n  name: metrics-reader\nrules:\n- nonResourceURLs: [\"/metrics\"]\n  verbs: [\"get\"]\n---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: prometheus-metrics\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader}\n"
                + "subjects:\n- kind: ServiceAccount\n  name: prometheus-k8s\n  namespace: openshift-monitoring\n")
                .getBytes(StandardCharsets.UTF_8)), "default");
        access = new MetricsAccess(api.agent());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_scraper_bound_to_get_metrics_is_allowed_anyone_else_is_403_and_an_unknown_token_401() {
        String prometheus = "Bearer " + api.server().tokenFor(PROMETHEUS);
        String someone = "Bearer " + api.server().tokenFor(Identity.user("someone"));

        assertThat(access.check(prometheus, "GET", "/metrics").allowed()).isTrue();
        assertThat(access.check(someone, "GET", "/metrics").status()).isEqualTo(403);
        assertThat(access.check(prometheus, "GET", "/debug").status()).as("another path").isEqualTo(403);
        assertThat(access.check("Bearer forged", "GET", "/metrics").status()).isEqualTo(401);
    }
}
