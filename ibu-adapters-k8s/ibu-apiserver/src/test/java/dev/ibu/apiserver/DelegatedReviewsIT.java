package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TokenReview and SubjectAccessReview: answered from the server's tokens and RBAC, and only for callers allowed to create them. */
class DelegatedReviewsIT {
    static ApiServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = ApiServer.builder().start();
        server.apply(new ByteArrayInputStream(("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
                + "  name: metrics-reader\nrules:\n- nonResourceURLs: [\"/metrics\"]\n  verbs: [\"get\"]\n"
                + "- apiGroups: [\"\"]\n  resources: [\"pods\"]\n  verbs: [\"list\"]\n---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: scraper\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader}\n"
                + "subjects:\n- kind: User\n  name: scraper\n").getBytes(StandardCharsets.UTF_8)), "default");
        admin = new Http(server, server.clientAs(Identity.admin()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_token_review_names_the_tokens_user_and_groups() {
        String token = server.tokenFor(Identity.user("scraper", "monitoring"));

        Http.Reply known = admin.post("/apis/authentication.k8s.io/v1/tokenreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + token + "\"}}");
        Http.Reply unknown = admin.post("/apis/authentication.k8s.io/v1/tokenreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"forged\"}}");

        assertThat(known.code()).isEqualTo(201);
        assertThat(known.body().at("/status/authenticated").asBoolean()).isTrue();
        assertThat(known.body().at("/status/user/username").asString()).isEqualTo("scraper");
        assertThat(known.body().at("/status/user/groups/0").asString()).isEqualTo("monitoring");
        assertThat(unknown.body().at("/status/authenticated").asBoolean()).isFalse();
    }

    @Test
    void a_subject_access_review_evaluates_resource_and_non_resource_rules_for_the_named_user() {
        assertThat(sar("scraper", "\"nonResourceAttributes\":{\"path\":\"/metrics\",\"verb\":\"get\"}")).isTrue();
        assertThat(sar("scraper", "\"nonResourceAttributes\":{\"path\":\"/metrics\",\"verb\":\"post\"}")).isFalse();
        assertThat(sar("someone", "\"nonResourceAttributes\":{\"path\":\"/metrics\",\"verb\":\"get\"}")).isFalse();
        assertThat(sar("scraper", "\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"pods\",\"namespace\":\"x\"}")).isTrue();
        assertThat(sar("scraper", "\"resourceAttributes\":{\"verb\":\"delete\",\"resource\":\"pods\",\"namespace\":\"x\"}")).isFalse();
    }

    @Test
    void only_callers_allowed_to_create_reviews_may_ask() {
        Http someone = new Http(server, server.clientAs(Identity.user("someone")));

        Http.Reply denied = someone.post("/apis/authorization.k8s.io/v1/subjectaccessreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{\"user\":\"x\","
                        + "\"nonResourceAttributes\":{\"path\":\"/metrics\",\"verb\":\"get\"}}}");

        assertThat(denied.code()).isEqualTo(403);
        assertThat(denied.message()).contains("cannot create resource \"subjectaccessreviews\" in API group \"authorization.k8s.io\"");
    }

    private static boolean sar(String user, String attributes) {
        Http.Reply r = admin.post("/apis/authorization.k8s.io/v1/subjectaccessreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{\"user\":\"" + user
                        + "\"," + attributes + "}}");
        assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        return r.body().at("/status/allowed").asBoolean();
    }
}
