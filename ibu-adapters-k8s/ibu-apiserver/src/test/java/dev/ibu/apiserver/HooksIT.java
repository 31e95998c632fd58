package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test hooks: an audit listener sees each resource request with RBAC's decision; injected faults strike after it. */
class HooksIT {
    private static final String CM = "/api/v1/namespaces/openshift-lifecycle-agent/configmaps";
    private ApiServer server;
    private Http agent;
    private final List<AuditEvent> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = Fixtures.serverWithAgentRbac();
        server.addAuditListener(seen::add);
        agent = new Http(server, server.clientAs(Identity.lifecycleAgent()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_audit_names_verb_resource_namespace_name_and_the_decision() {
        agent.get(CM + "/absent");
        agent.get("/api/v1/namespaces/kube-system/secrets/x");
        agent.patch("/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade/status", "application/merge-patch+json", "{}");

        assertThat(seen).extracting(e -> e.verb() + " " + e.group() + "/" + e.resourceWithSubresource() + " " + e.namespace()
                + "/" + e.name() + " " + e.allowed() + " " + e.identity().user().endsWith("controller-manager"))
                .containsExactly("get /configmaps openshift-lifecycle-agent/absent true true",
                        "get /secrets kube-system/x false true",
                        "patch lca.openshift.io/imagebasedupgrades/status /upgrade true true");
        assertThat(seen.get(2).bodyText()).isEqualTo("{}");
    }

    @Test
    void a_fault_answers_matching_requests_as_often_as_asked_then_the_server_serves_again() {
        server.inject(Fault.when(r -> r.is("GET", CM + "/absent")).status(503, "ServiceUnavailable", "etcd leader changed").times(2));

        Http.Reply first = agent.get(CM + "/absent");
        Http.Reply second = agent.get(CM + "/absent");
        Http.Reply third = agent.get(CM + "/absent");

        assertThat(first.code()).isEqualTo(503);
        assertThat(first.message()).isEqualTo("etcd leader changed");
        assertThat(first.body().path("reason").asString()).isEqualTo("ServiceUnavailable");
        assertThat(second.code()).isEqualTo(503);
        assertThat(third.code()).isEqualTo(404);
    }

    @Test
    void a_fault_never_hides_a_forbidden_request() {
        server.inject(Fault.when(r -> true).status(500, "InternalError", "boom").always());

        assertThat(agent.get("/api/v1/namespaces/kube-system/secrets/x").code()).isEqualTo(403);
        assertThat(agent.get(CM + "/absent").code()).isEqualTo(500);
        server.clearFaults();
        assertThat(agent.get(CM + "/absent").code()).isEqualTo(404);
    }

    @Test
    void a_body_fault_sends_what_no_admission_would_let_through() {
        server.inject(Fault.when(r -> r.is("GET", CM + "/odd")).body(200, "{\"kind\":\"ConfigMap\",\"data\":{\"a\":1}}").once());

        Http.Reply odd = agent.get(CM + "/odd");

        assertThat(odd.code()).isEqualTo(200);
        assertThat(odd.body().path("data").path("a").asInt()).isEqualTo(1);
    }
}
