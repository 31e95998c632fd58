package dev.ibu.rehearsal;

import dev.ibu.rehearsal.RehearsalMain;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code local --serve}: someone else's client patches the CR, as kubectl would, and the agent reacts. */
class ServeIT {

    @Test
    void patches_from_outside_are_reconciled_through_prep_and_upgrade(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        StringWriter out = new StringWriter();
        Thread serving = new Thread(() -> RehearsalMain.run(new String[] {"local", "--serve", "--port=0", "--serve-seconds=60",
                "--kubeconfig-out=" + kubeconfig, "--no-yaml", "--pace=10ms"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        serving.setDaemon(true);
        serving.start();
        waitFor("the kubeconfig", () -> out.toString().contains("export KUBECONFIG="));

        try (KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            var ibu = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade");
            ibu.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"stage\": \"Prep\"}}");

            waitFor("PrepCompleted", () -> lastReason(ibu.get()).equals("Completed"));
            // the progress line follows the status write
            waitFor("the progress line", () -> out.toString().contains("PrepCompleted/Completed: Prep stage "
                    + "completed successfully"));
            assertThat(out.toString()).contains("Stage transition to Prep accepted");

            // the reboot happens inside the controller's reconcile: its own restore must not count as a deletion
            ibu.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"stage\": \"Upgrade\"}}");
            waitFor("UpgradeCompleted", () -> out.toString().contains("UpgradeCompleted/Completed: Upgrade completed"));
            assertThat(lastReason(ibu.get())).isEqualTo("Completed");
        }
    }

    @Test
    void serve_api_only_serves_the_prerequisites_and_no_agent(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        StringWriter out = new StringWriter();
        Thread serving = new Thread(() -> RehearsalMain.run(new String[] {"local", "--serve-api-only", "--port=0",
                "--serve-seconds=30", "--kubeconfig-out=" + kubeconfig}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        serving.setDaemon(true);
        serving.start();
        waitFor("the kubeconfig", () -> out.toString().contains("export KUBECONFIG="));

        try (KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            assertThat(client.namespaces().withName("openshift-lifecycle-agent").get()).isNotNull();
            Thread.sleep(1000);
            // the simulated agent would have created the CR at start-up: here only a real `ibu-agent run` does
            assertThat(client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade")
                    .get()).isNull();
        }
        assertThat(out.toString()).contains("no agent").doesNotContain("Agent start-up");
    }

    @SuppressWarnings("unchecked")
    private static String lastReason(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        if (!(status instanceof Map)) {
            return "";
        }
        List<Map<String, Object>> cs = (List<Map<String, Object>>) ((Map<String, Object>) status).get("conditions");
        return cs == null || cs.isEmpty() ? "" : String.valueOf(cs.get(cs.size() - 1).get("reason"));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(50);
        }
    }
}
