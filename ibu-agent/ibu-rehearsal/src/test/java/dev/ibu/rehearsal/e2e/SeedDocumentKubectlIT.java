package dev.ibu.agent.e2e;

import static dev.ibu.agent.e2e.KubectlRuns.kubectl;
import static dev.ibu.agent.e2e.KubectlRuns.waitFor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
        KubectlRuns.serve(kubeconfig, 120);

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
        KubectlRuns.serve(kubeconfig, 120, "--fail=cleanup");

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
}
