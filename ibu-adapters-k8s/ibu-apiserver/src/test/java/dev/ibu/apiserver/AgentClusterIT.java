package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's cluster: OpenShift and Velero kinds served with their schemas, the agent bound by deploy/base. */
class AgentClusterIT {
    private static final ResourceDefinitionContext BSL = new ResourceDefinitionContext.Builder().withGroup("velero.io")
            .withVersion("v1").withKind("BackupStorageLocation").withPlural("backupstoragelocations").withNamespaced(true).build();
    private final RequestLog log = new RequestLog(Identity.lifecycleAgent());
    private AgentCluster cluster;

    @BeforeEach
    void start() {
        cluster = AgentCluster.start(Fixtures.AGENT_RBAC, log);
        cluster.server().apply(ClusterCrds.oadp(), "default");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void the_agent_reads_cluster_operators_and_its_requests_are_recorded() {
        cluster.apply("apiVersion: config.openshift.io/v1\nkind: ClusterOperator\nmetadata:\n  name: dns\n", "default");

        assertThat(cluster.agent().genericKubernetesResources("config.openshift.io/v1", "ClusterOperator").list().getItems())
                .extracting(r -> r.getMetadata().getName()).containsExactly("dns");
        assertThatThrownBy(() -> cluster.agent().nodes().withName("sno").delete())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
        assertThat(log.lines()).contains("list\tconfig.openshift.io\tclusteroperators\t-\t-\tallowed",
                "delete\t-\tnodes\t-\tsno\tdenied");
        assertThat(log.lines()).allSatisfy(l -> assertThat(RequestLog.Request.parse(l) + "\t" + (RequestLog.Request.denied(l)
                ? "denied" : "allowed")).isEqualTo(l));
        log.ignore(e -> e.resource().equals("nodes"));
        assertThatThrownBy(() -> cluster.agent().nodes().withName("other").delete()).isInstanceOf(KubernetesClientException.class);
        assertThat(log.lines()).noneMatch(l -> l.contains("other"));
    }

    @Test
    void velero_kinds_are_admitted_by_their_schema() {
        assertThatThrownBy(() -> cluster.apply("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: default\n"
                + "  namespace: openshift-adp\nspec:\n  provider: aws\n", "openshift-adp"))
                .hasMessageContaining("spec.objectStorage: Required value");
        cluster.apply("apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b\n  namespace: openshift-adp\n"
                + "spec:\n  includedNamespaces: [app]\n  notAVeleroField: 1\nstatus:\n  phase: New\n", "openshift-adp");
        GenericKubernetesResource b = cluster.admin().genericKubernetesResources("velero.io/v1", "Backup").inNamespace("openshift-adp")
                .withName("b").get();
        assertThat(b.getAdditionalProperties().get("status")).isEqualTo(java.util.Map.of("phase", "New"));
        assertThat(cluster.admin().genericKubernetesResources(BSL).inNamespace("openshift-adp").list().getItems()).isEmpty();
    }
}
