package dev.ibu.agent.gather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster side of must-gather against a CRUD API server: the lca.openshift.io and velero.io objects found
 * through their CRDs, the health objects, the agent's pods; what it cannot get (logs and exec, which this server does
 * not serve) becomes a note, and the rest is still written. Secret-like values are redacted.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class GatherCommandTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void writes_the_crs_health_objects_and_agent_pods_and_notes_what_it_could_not_collect() throws Exception {
        client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrd.definition()).create();
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("backups.velero.io").endMetadata()
                .withNewSpec().withGroup("velero.io").withScope("Namespaced")
                .withNewNames().withKind("Backup").withPlural("backups").withSingular("backup").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
        client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").resource(
                new GenericKubernetesResourceBuilder().withApiVersion("lca.openshift.io/v1")
                        .withKind("ImageBasedUpgrade").withNewMetadata().withName("upgrade").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("stage", "Prep"))).build()).create();
        client.genericKubernetesResources("velero.io/v1", "Backup").inNamespace("openshift-adp").resource(
                new GenericKubernetesResourceBuilder().withApiVersion("velero.io/v1").withKind("Backup")
                        .withNewMetadata().withName("acm-klusterlet").withNamespace("openshift-adp").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("password", "hunter2-in-a-cr"))).build())
                .create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("sno-0").endMetadata().build()).create();
        client.pods().inNamespace("openshift-lifecycle-agent").resource(new PodBuilder().withNewMetadata()
                .withName("lifecycle-agent-controller-manager-1").withNamespace("openshift-lifecycle-agent")
                .addToLabels(AgentPods.AGENT_LABEL, AgentPods.AGENT_LABEL_VALUE).endMetadata()
                .withNewSpec().addNewContainer().withName("manager").withImage("ibu-agent").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(client.getConfiguration().getMasterUrl()));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path dest = dir.resolve("must-gather");
        int exit = new CommandLine(new GatherCommand(new PrintWriter(out, true), new PrintWriter(err, true)))
                .execute("--dest=" + dest, "--kubeconfig=" + kubeconfig, "--namespace=openshift-lifecycle-agent",
                        "--host-from-pod");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(dest.resolve("cluster/crs/imagebasedupgrades.lca.openshift.io.yaml")).content()
                .contains("name: upgrade").contains("stage: Prep");
        String backups = Files.readString(dest.resolve("cluster/crs/backups.velero.io.yaml"));
        assertThat(backups).contains("acm-klusterlet").doesNotContain("hunter2-in-a-cr");
        assertThat(dest.resolve("cluster/health/nodes.yaml")).content().contains("sno-0");
        assertThat(dest.resolve("namespaces/openshift-lifecycle-agent/pods.yaml")).content()
                .contains("lifecycle-agent-controller-manager-1");
        String notes = Files.readString(dest.resolve(GatherCommand.NOTES));
        assertThat(notes).as("the agent pod was found, and exec into it failed on this server")
                .contains("host, through gather-host in openshift-lifecycle-agent/lifecycle-agent-controller-manager-1");
        assertThat(out.toString()).contains("gather-cluster: ").contains("see " + GatherCommand.NOTES);
    }

    @Test
    void without_an_agent_pod_the_note_says_how_to_get_the_host_side() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \""
                + client.getConfiguration().getMasterUrl() + "\"}}]\nusers: [{name: u, user: {token: t}}]\n"
                + "contexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n");
        Path dest = dir.resolve("mg");
        int exit = new CommandLine(new GatherCommand(new PrintWriter(new StringWriter()), new PrintWriter(
                new StringWriter()))).execute("--dest=" + dest, "--kubeconfig=" + kubeconfig, "--host-from-pod");
        assertThat(exit).isZero();
        assertThat(dest.resolve(GatherCommand.NOTES)).content()
                .contains("no running pod labelled app.kubernetes.io/name=ibu-agent")
                .contains("oc exec ... -c manager -- gather");
    }

    @Test
    void an_unreadable_kubeconfig_exits_2_naming_the_option() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new GatherCommand(new PrintWriter(new StringWriter()), new PrintWriter(err, true)))
                .execute("--dest=" + dir.resolve("x"), "--kubeconfig=" + dir.resolve("missing"));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--kubeconfig").contains("cannot be read");
    }
}
