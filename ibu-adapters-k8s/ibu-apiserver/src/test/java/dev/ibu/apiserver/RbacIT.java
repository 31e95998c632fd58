package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RBAC evaluated from the agent's roles (a frozen copy of deploy/base) and from roles written in the server, denied in the API server's words. */
class RbacIT {
    static final String AGENT = "system:serviceaccount:openshift-lifecycle-agent:lifecycle-agent-controller-manager";
    static ApiServer server;
    static Http agent;
    static Http admin;

    @BeforeAll
    static void start() {
        server = Fixtures.serverWithAgentRbac();
        admin = new Http(server, server.clientAs(Identity.admin()));
        agent = new Http(server, server.clientAs(Identity.lifecycleAgent()));
        apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openshift-adp\n");
        apply("apiVersion: v1\nkind: Secret\nmetadata:\n  name: cloud-credentials\n  namespace: openshift-adp\nstringData:\n  cloud: x\n");
        apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: oadp-cm\n  namespace: openshift-adp\ndata:\n  a: b\n");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void apply(String yaml) {
        server.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "default");
    }

    static String cm(String ns, String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"}}";
    }

    @Test
    void a_missing_rule_is_403_in_the_api_servers_words() {
        // the agent may get any Secret (the carried-over cluster configuration), never list them
        Http.Reply r = agent.get("/api/v1/namespaces/openshift-adp/secrets");

        assertThat(r.code()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("secrets is forbidden: User \"" + AGENT
                + "\" cannot list resource \"secrets\" in API group \"\" in the namespace \"openshift-adp\"");
        assertThat(r.body().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(r.body().path("details").path("kind").asString()).isEqualTo("secrets");
    }

    @Test
    void cluster_role_rules_hold_in_every_namespace_role_rules_only_in_theirs() {
        assertThat(agent.get("/api/v1/namespaces/openshift-adp/configmaps/oadp-cm").code()).as("ClusterRole get configmaps").isEqualTo(200);
        assertThat(agent.post("/api/v1/namespaces/openshift-lifecycle-agent/configmaps", cm("openshift-lifecycle-agent", "mine")).code())
                .as("Role create configmaps in its namespace").isEqualTo(201);
        Http.Reply elsewhere = agent.post("/api/v1/namespaces/openshift-adp/configmaps", cm("openshift-adp", "mine"));
        assertThat(elsewhere.code()).isEqualTo(403);
        assertThat(elsewhere.message()).isEqualTo("configmaps is forbidden: User \"" + AGENT
                + "\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"openshift-adp\"");
        assertThat(agent.get("/api/v1/namespaces/openshift-lifecycle-agent/secrets/none").code()).as("Role get secrets: allowed, absent")
                .isEqualTo(404);
    }

    @Test
    void verbs_and_subresources_are_separate_rights() {
        String ibu = "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Idle\"}}";
        assertThat(agent.post("/apis/lca.openshift.io/v1/imagebasedupgrades", ibu).code()).isEqualTo(201);
        assertThat(agent.patch("/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade/status", "application/merge-patch+json",
                "{\"status\":{\"validNextStages\":[\"Prep\"]}}").code()).as("imagebasedupgrades/status patch").isEqualTo(200);
        Http.Reply watchLeases = agent.get("/apis/coordination.k8s.io/v1/namespaces/openshift-lifecycle-agent/leases?watch=true");
        assertThat(watchLeases.code()).isEqualTo(403);
        assertThat(watchLeases.message()).contains("cannot watch resource \"leases\" in API group \"coordination.k8s.io\"");
        Http.Reply deleteCm = agent.delete("/api/v1/namespaces/openshift-adp/configmaps/oadp-cm");
        assertThat(deleteCm.message()).isEqualTo("configmaps \"oadp-cm\" is forbidden: User \"" + AGENT
                + "\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"openshift-adp\"");
        Http.Reply nodes = agent.delete("/api/v1/nodes/sno");
        assertThat(nodes.message()).isEqualTo("nodes \"sno\" is forbidden: User \"" + AGENT
                + "\" cannot delete resource \"nodes\" in API group \"\" at the cluster scope");
        Http.Reply crdStatus = agent.patch("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/imagebasedupgrades.lca.openshift.io/status",
                "application/merge-patch+json", "{}");
        assertThat(crdStatus.message()).contains("cannot patch resource \"customresourcedefinitions/status\" in API group \"apiextensions.k8s.io\" at the cluster scope");
        admin.delete("/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade");
    }

    @Test
    void resource_names_wildcards_groups_and_missing_roles() {
        apply("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: one-cm\n  namespace: openshift-adp\nrules:\n"
                + "- apiGroups: [\"\"]\n  resources: [\"configmaps\"]\n  resourceNames: [\"oadp-cm\"]\n  verbs: [\"get\", \"list\"]\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: one-cm\n  namespace: openshift-adp\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: one-cm}\nsubjects:\n- kind: User\n  name: alice\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: status-writer\nrules:\n"
                + "- apiGroups: [\"*\"]\n  resources: [\"*/status\"]\n  verbs: [\"*\"]\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: status-writers\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: status-writer}\nsubjects:\n- kind: Group\n  name: writers\n"
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ghost\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ghost}\nsubjects:\n- kind: User\n  name: bob\n");
        Http alice = new Http(server, server.clientAs(Identity.user("alice")));
        assertThat(alice.get("/api/v1/namespaces/openshift-adp/configmaps/oadp-cm").code()).isEqualTo(200);
        assertThat(alice.get("/api/v1/namespaces/openshift-adp/configmaps/other").code()).as("another name").isEqualTo(403);
        assertThat(alice.get("/api/v1/namespaces/openshift-adp/configmaps").code()).as("list has no name").isEqualTo(403);

        Http writer = new Http(server, server.clientAs(Identity.user("carol", "writers")));
        assertThat(writer.patch("/api/v1/nodes/none/status", "application/merge-patch+json", "{}").code()).as("*/status").isEqualTo(404);
        assertThat(writer.get("/api/v1/nodes/none").code()).as("not the main resource").isEqualTo(403);

        Http.Reply bob = new Http(server, server.clientAs(Identity.user("bob"))).get("/api/v1/nodes");
        assertThat(bob.message()).isEqualTo("nodes is forbidden: User \"bob\" cannot list resource \"nodes\" in API group \"\" at the "
                + "cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io \"ghost\" not found");
    }

    @Test
    void canary_removing_a_rule_makes_the_same_request_forbidden() {
        String path = "/api/v1/namespaces/openshift-lifecycle-agent/secrets/pull-secret";
        try (ApiServer fresh = Fixtures.serverWithAgentRbac()) {
            Http asAgent = new Http(fresh, fresh.clientAs(Identity.lifecycleAgent()));
            assertThat(asAgent.get(path).code()).as("deploy/base Role: get secrets").isEqualTo(404);
            fresh.apply(new ByteArrayInputStream(("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ibu-agent\n"
                    + "rules:\n- apiGroups: [\"\"]\n  resources: [\"configmaps\"]\n  verbs: [\"get\"]\n").getBytes(StandardCharsets.UTF_8)),
                    Fixtures.AGENT_NAMESPACE);
            assertThat(asAgent.get(path).code()).as("the same Role without its leases rule").isEqualTo(403);
        }
    }

    @Test
    void a_token_the_server_never_issued_is_401() {
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(server.url()).withOauthToken("forged").withTrustCerts(true).build();
        try (var forged = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory()).build()) {
            Http.Reply r = new Http(server, forged).get("/api/v1/namespaces");
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.message()).isEqualTo("Unauthorized");
        }
    }

    @Test
    void kubectl_as_the_agent_is_denied_with_the_same_words(@TempDir Path dir) {
        Kubectl.Result r = new Kubectl(server, Identity.lifecycleAgent(), dir).run("get", "secrets", "-n", "openshift-adp");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error from server (Forbidden): secrets is forbidden: User \"" + AGENT
                + "\" cannot list resource \"secrets\" in API group \"\" in the namespace \"openshift-adp\"");
    }

    @Test
    void kubectl_auth_can_i_asks_the_same_rules(@TempDir Path dir) {
        Kubectl k = new Kubectl(server, Identity.lifecycleAgent(), dir);
        Kubectl.Result status = k.run("auth", "can-i", "patch", "imagebasedupgrades", "--subresource=status");
        assertThat(status.out().trim()).as(status.err()).isEqualTo("yes");
        assertThat(k.run("auth", "can-i", "list", "secrets", "-n", "openshift-adp").out().trim()).isEqualTo("no");
        assertThat(k.run("auth", "can-i", "create", "leases", "-n", "openshift-lifecycle-agent").out().trim()).isEqualTo("yes");
    }
}
