package dev.ibu.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.rehearsal.RehearsalMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product document's own commands, typed into the real {@code kubectl} binary ({@code oc} read as
 * {@code kubectl}) against the agent's {@code local --serve}: patch the stage with a merge patch, watch
 * {@code get ibu -o yaml} and the printer columns of {@code get ibu}. kubectl is on every machine of this project; a
 * missing one fails the test rather than skipping it.
 */
class SeedDocumentKubectlIT {
    @TempDir
    Path dir;

    @Test
    void an_upgrade_driven_with_the_documents_kubectl_commands() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        StringWriter out = new StringWriter();
        Thread serving = new Thread(() -> RehearsalMain.run(new String[] {"local", "--serve", "--port=0",
                "--serve-seconds=120", "--kubeconfig-out=" + kubeconfig, "--no-yaml", "--pace=10ms"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        serving.setDaemon(true);
        serving.start();
        waitFor("the kubeconfig", () -> out.toString().contains("export KUBECONFIG="));

        String table = kubectl(kubeconfig, "get", "ibu");
        assertThat(table).contains("NAME").contains("upgrade").contains("Idle");

        // 15.3.1 step 2
        kubectl(kubeconfig, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Prep\"}}", "--type=merge", "-n", "openshift-lifecycle-agent");
        waitFor("Prep completed", () -> kubectl(kubeconfig, "get", "ibu", "-o", "yaml")
                .contains("message: Prep stage completed successfully"));
        String afterPrep = kubectl(kubeconfig, "get", "ibu", "-o", "yaml");
        assertThat(afterPrep).contains("type: PrepCompleted").contains("validNextStages:\n    - Idle\n    - Upgrade");

        // 15.3.2 step 1, then step 4
        kubectl(kubeconfig, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Upgrade\"}}", "--type=merge");
        waitFor("Upgrade completed", () -> kubectl(kubeconfig, "get", "ibu", "-o", "yaml")
                .contains("type: UpgradeCompleted"));
        String afterUpgrade = kubectl(kubeconfig, "get", "ibu", "-o", "yaml");
        assertThat(afterUpgrade).contains("rollbackAvailabilityExpiration:")
                .contains("validNextStages:\n    - Idle\n    - Rollback");
        assertThat(kubectl(kubeconfig, "get", "ibu")).contains("Upgrade").contains("Completed")
                .contains("Upgrade completed");

        kubectl(kubeconfig, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Idle\"}}", "--type=merge");
        waitFor("finalized", () -> {
            String y = kubectl(kubeconfig, "get", "ibu", "-o", "yaml");
            return y.contains("reason: Idle") && !y.contains("type: UpgradeCompleted");
        });
        assertThat(kubectl(kubeconfig, "get", "ibu", "-o", "yaml")).contains("validNextStages:\n    - Prep");
    }

    @Test
    void abort_failed_then_the_documents_annotation_retries_the_cleanup() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        StringWriter out = new StringWriter();
        Thread serving = new Thread(() -> RehearsalMain.run(new String[] {"local", "--serve", "--fail=cleanup", "--port=0",
                "--serve-seconds=120", "--kubeconfig-out=" + kubeconfig, "--no-yaml", "--pace=10ms"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        serving.setDaemon(true);
        serving.start();
        waitFor("the kubeconfig", () -> out.toString().contains("export KUBECONFIG="));

        kubectl(kubeconfig, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Prep\"}}", "--type=merge", "-n", "openshift-lifecycle-agent");
        waitFor("Prep completed", () -> kubectl(kubeconfig, "get", "ibu", "-o", "yaml")
                .contains("message: Prep stage completed successfully"));
        kubectl(kubeconfig, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Idle\"}}", "--type=merge", "-n", "openshift-lifecycle-agent");
        waitFor("AbortFailed", () -> kubectl(kubeconfig, "get", "ibu", "-o", "yaml").contains("reason: AbortFailed"));
        // as a script reads it: the last condition, which the printer columns show
        assertThat(kubectl(kubeconfig, "get", "ibu", "upgrade", "-o", "jsonpath={.status.conditions[-1:].message}"))
                .endsWith(" Perform cleanup manually then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu "
                        + "CR to transition back to Idle");
        assertThat(kubectl(kubeconfig, "get", "ibu")).contains("AbortFailed");

        // 15.3.4.2: after fixing the cause, the annotation makes the agent retry
        kubectl(kubeconfig, "annotate", "ibu", "upgrade", "lca.openshift.io/manual-cleanup-done=");
        waitFor("Idle", () -> {
            String y = kubectl(kubeconfig, "get", "ibu", "-o", "yaml");
            return y.contains("reason: Idle") && !y.contains("AbortFailed");
        });
        assertThat(kubectl(kubeconfig, "get", "ibu", "-o", "yaml")).doesNotContain("manual-cleanup-done");
    }

    static String kubectl(Path kubeconfig, String... args) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", argv) + " failed: " + text);
            }
            return text;
        } catch (java.io.IOException e) {
            throw new AssertionError("kubectl must be on the PATH (it is on every machine of this project): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(200);
        }
    }
}
