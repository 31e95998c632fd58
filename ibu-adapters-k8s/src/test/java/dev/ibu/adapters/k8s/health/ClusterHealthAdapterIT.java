package dev.ibu.adapters.k8s.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.Fault;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster set up by an administrator, checked by the adapter as the agent's ServiceAccount. */
class ClusterHealthAdapterIT {
    AgentApi api;
    KubernetesClient client;
    ClusterFixtures cluster;
    ClusterHealthAdapter health;

    @BeforeEach
    void setUp() {
        api = AgentApi.start(getClass());
        client = api.admin();
        cluster = new ClusterFixtures(api);
        health = new ClusterHealthAdapter(api.agent());
        cluster.clusterOperator("kube-apiserver", "True", "False", "False");
        cluster.machineConfigPool("worker", 0, 0);
        cluster.csv("openshift-operators", "sriov-network-operator.v4.16.0", "Succeeded");
        cluster.singleNodeTopology();
        cluster.node("sno1", "True", true);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HealthReport check(HealthCheckSet set) {
        return health.check(set).get();
    }

    @Test
    void a_ready_cluster_is_healthy_in_every_set() {
        assertThat(check(HealthCheckSet.FULL).healthy()).isTrue();
        assertThat(check(HealthCheckSet.MANDATORY).healthy()).isTrue();
        assertThat(check(HealthCheckSet.DEFERRED).healthy()).isTrue();
    }

    @Test
    void failing_kinds_give_the_seed_documents_message() {
        cluster.clusterOperator("authentication", "True", "True", "False");
        cluster.machineConfigPool("master", 1, 0);

        HealthReport report = check(HealthCheckSet.MANDATORY);

        assertThat("Waiting for system to stabilize: " + report.message()).isEqualTo(
                "Waiting for system to stabilize: one or more health checks failed\n"
                        + "  - one or more ClusterOperators not yet ready: authentication\n"
                        + "  - one or more MachineConfigPools not yet ready: master");
    }

    @Test
    void cluster_operator_is_not_ready_when_unavailable_progressing_degraded_or_without_available() {
        cluster.clusterOperator("dns", "False", "False", "False");
        cluster.clusterOperator("etcd", "True", "False", "True");
        cluster.clusterOperator("ingress", null, "False", "False");
        cluster.clusterOperator("network", "True", "True", "False");

        assertThat(check(HealthCheckSet.MANDATORY).failures()).containsExactly(
                "one or more ClusterOperators not yet ready: dns, etcd, ingress, network");
    }

    @Test
    void full_stops_at_the_mandatory_set_and_deferred_reports_its_own() {
        cluster.machineConfigPool("master", 1, 0);
        cluster.csv("openshift-operators", "sriov-fec.v2.8.0", "Installing");
        cluster.csv("other-ns", "sriov-fec.v2.8.0", "Installing");
        cluster.csv("openshift-lifecycle-agent", "lifecycle-agent.v4.16.0", "Installing");

        assertThat(check(HealthCheckSet.FULL).failures())
                .containsExactly("one or more MachineConfigPools not yet ready: master");
        assertThat(check(HealthCheckSet.DEFERRED).failures())
                .containsExactly("one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0");
    }

    @Test
    void full_runs_deferred_checks_once_mandatory_pass() {
        client.certificates().v1().certificateSigningRequests().resource(new CertificateSigningRequestBuilder()
                .withNewMetadata().withName("csr-abc").endMetadata().withNewSpec().withSignerName("kubernetes.io/x")
                .withRequest("eA==").endSpec().build()).create();

        assertThat(check(HealthCheckSet.FULL).failures())
                .containsExactly("certificateSigningRequest (csr) csr-abc not yet approved");
    }

    @Test
    void node_check_reports_the_first_unready_node_and_missing_role_labels() {
        client.nodes().withName("sno1").delete();
        cluster.node("sno1", "False", true);
        assertThat(check(HealthCheckSet.DEFERRED).failures()).containsExactly("node is not yet ready: sno1");

        client.nodes().withName("sno1").delete();
        cluster.node("sno1", "True", false);
        assertThat(check(HealthCheckSet.DEFERRED).failures())
                .containsExactly("node missing node-role.kubernetes.io/control-plane label: sno1");
    }

    @Test
    void node_check_is_skipped_on_multi_node_topology() {
        client.genericKubernetesResources(Kinds.INFRASTRUCTURE).withName("cluster").delete();
        client.nodes().withName("sno1").delete();
        cluster.node("sno1", "False", false);

        assertThat(check(HealthCheckSet.DEFERRED).healthy()).isTrue();
    }

    @Test
    void sriov_and_oadp_are_checked_only_when_installed_and_operators_are_ready() {
        assertThat(check(HealthCheckSet.MANDATORY).healthy()).isTrue();
        cluster.crd(Kinds.SRIOV_NODE_STATE_CRD);
        cluster.crd(Kinds.DPA_CRD);
        cluster.create(Kinds.DPA, Kinds.OADP_NAMESPACE, "dpa", Map.of("conditions",
                List.of(Map.of("type", "Reconciled", "status", "False"))));

        assertThat(check(HealthCheckSet.MANDATORY).failures()).containsExactly("no SriovNetworkNodeStates present",
                "dataProtectionApplication not reconciled");

        cluster.clusterOperator("authentication", "False", "False", "False");
        assertThat(check(HealthCheckSet.MANDATORY).failures())
                .containsExactly("one or more ClusterOperators not yet ready: authentication");
    }

    @Test
    void backup_storage_locations_are_checked_once_a_dpa_is_reconciled() {
        cluster.crd(Kinds.DPA_CRD);
        cluster.create(Kinds.DPA, Kinds.OADP_NAMESPACE, "dpa", Map.of("conditions",
                List.of(Map.of("type", "Reconciled", "status", "True"))));
        assertThat(check(HealthCheckSet.MANDATORY).failures())
                .containsExactly("backupsStorageLocations not yet created");

        cluster.create(Kinds.BSL, Kinds.OADP_NAMESPACE, "default-1", Map.of("phase", "Unavailable"));
        cluster.create(Kinds.BSL, Kinds.OADP_NAMESPACE, "default-2", Map.of("phase", "Available"));
        assertThat(check(HealthCheckSet.MANDATORY).failures())
                .containsExactly("backupStorageLocation default-1 not available");
    }

    @Test
    void an_api_error_is_a_port_failure_not_a_verdict() {
        api.server().inject(Fault.when(r -> r.is("GET", "/apis/config.openshift.io/v1/clusteroperators"))
                .status(503, "ServiceUnavailable", "apiserver is shutting down").once());

        var result = health.check(HealthCheckSet.FULL);

        assertThat(result.getLeft()).isInstanceOf(PortFailure.Transient.class);
        assertThat(result.getLeft().message()).contains("health check (FULL)")
                .contains("apiserver is shutting down");
    }
}
