package dev.ibu.rehearsal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ibu-agent local} end to end (strict local API server, real IBU adapter, simulated host): the CRs it prints
 * match the seed document's {@code oc get ibu -o yaml} outputs, stage by stage.
 */
class LocalCommandIT {

    @Test
    void upgrade_then_finalize_matches_the_seed_document() {
        LocalOutput run = LocalOutput.run("local");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, Object> prep = run.crAfter("15.3.1: Prep");
        assertThat(LocalOutput.conditions(prep)).containsExactly(
                "Idle/False/InProgress/In progress",
                "PrepInProgress/False/Completed/Prep completed",
                "PrepCompleted/True/Completed/Prep stage completed successfully");
        assertThat(LocalOutput.status(prep, "validNextStages")).isEqualTo(List.of("Idle", "Upgrade"));

        List<Map<String, Object>> upgrading = run.crsIn("15.3.2: Upgrade");
        assertThat(upgrading).hasSize(2);
        Map<String, Object> settling = upgrading.get(0);
        // the seed document's output while the cluster settles after the pivot
        assertThat(LocalOutput.conditions(settling)).containsExactly(
                "Idle/False/InProgress/In progress",
                "PrepInProgress/False/Completed/Prep completed",
                "PrepCompleted/True/Completed/Prep stage completed successfully",
                "UpgradeInProgress/True/InProgress/Waiting for system to stabilize: one or more health checks failed\n"
                        + "  - one or more ClusterOperators not yet ready: authentication\n"
                        + "  - one or more MachineConfigPools not yet ready: master\n"
                        + "  - one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0");
        assertThat(LocalOutput.status(settling, "observedGeneration")).isEqualTo(1);
        assertThat(LocalOutput.status(settling, "validNextStages")).isEqualTo(List.of("Rollback"));
        assertThat(LocalOutput.status(settling, "rollbackAvailabilityExpiration")).isNotNull();

        Map<String, Object> upgrade = upgrading.get(1);
        assertThat(LocalOutput.conditions(upgrade)).containsExactly(
                "Idle/False/InProgress/In progress",
                "PrepInProgress/False/Completed/Prep completed",
                "PrepCompleted/True/Completed/Prep stage completed successfully",
                "UpgradeInProgress/False/Completed/Upgrade completed",
                "UpgradeCompleted/True/Completed/Upgrade completed");
        // the CR was restored after the pivot: a new object, generation 1, as in the seed document
        assertThat(LocalOutput.status(upgrade, "observedGeneration")).isEqualTo(1);
        assertThat(LocalOutput.status(upgrade, "validNextStages")).isEqualTo(List.of("Idle", "Rollback"));
        assertThat(LocalOutput.status(upgrade, "rollbackAvailabilityExpiration")).isNotNull();
        assertThat(run.out()).contains("Waiting for system to stabilize: one or more health checks failed")
                .contains("total: 120 (pulled: 60, failed: 0)")
                .contains("$ oc patch imagebasedupgrades.lca.openshift.io upgrade -p='{\"spec\": {\"stage\": "
                        + "\"Upgrade\"}}' --type=merge\n");

        assertIdle(run.lastCr());
    }

    @Test
    void rollback_then_idle_matches_the_seed_document() {
        LocalOutput run = LocalOutput.run("local", "--rollback");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, Object> rollback = run.crAfter("15.3.3: manual Rollback");
        List<String> conditions = LocalOutput.conditions(rollback);
        assertThat(conditions).endsWith("RollbackInProgress/False/Completed/Rollback completed",
                "RollbackCompleted/True/Completed/Rollback completed");
        assertThat(LocalOutput.status(rollback, "validNextStages")).isEqualTo(List.of("Idle"));
        assertThat(run.out()).contains("the node boots stateroot rhcos_4.14.7;");
        assertIdle(run.lastCr());
    }

    @Test
    void a_failed_backup_fails_the_upgrade_and_abort_recovers() {
        LocalOutput run = LocalOutput.run("local", "--fail=backup", "--no-yaml");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("UpgradeInProgress/Failed: Failed backup CRs: acm-klusterlet")
                .contains("Stage transition to Idle (abort) accepted")
                .contains("== Idle: the IBU is ready for the next upgrade");
    }

    @Test
    void a_failed_restore_after_the_pivot_rolls_back_automatically_and_idle_recovers() {
        LocalOutput run = LocalOutput.run("local", "--fail=restore");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // the failure message is last, so kubectl get ibu's State/Details show it (as upstream's docs do)
        assertThat(LocalOutput.conditions(run.crAfter("15.3.2: Upgrade"))).endsWith(
                "UpgradeCompleted/False/Failed/Upgrade failed",
                "UpgradeInProgress/False/Failed/Rollback due to restore failure: Failed restore CRs: acm-klusterlet");
        assertThat(run.out()).contains("the node boots stateroot rhcos_4.14.7;");
        assertIdle(run.lastCr());
    }

    @Test
    void abort_failed_shows_the_seed_message_and_the_annotation_fixes_it() {
        LocalOutput run = LocalOutput.run("local", "--fail=abort");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, Object> failed = run.crAfter("Abort after Prep");
        // the seed document's message, word for word
        assertThat(LocalOutput.conditions(failed)).anySatisfy(c -> assertThat(c)
                .isEqualTo("Idle/False/AbortFailed/failed to delete all the backup CRs. Perform cleanup manually "
                        + "then add 'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to transition back to "
                        + "Idle"));
        assertThat(run.out()).contains("$ oc annotate ibu upgrade lca.openshift.io/manual-cleanup-done=\n");
        assertIdle(run.lastCr());
    }

    @Test
    void finalize_failed_is_fixed_by_the_annotation() {
        LocalOutput run = LocalOutput.run("local", "--fail=cleanup");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Idle/FinalizeFailed: failed to delete all the backup CRs");
        assertIdle(run.lastCr());
    }

    @Test
    void an_unknown_step_names_the_flag_and_the_choices() {
        LocalOutput run = LocalOutput.run("local", "--fail=disk");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--fail=disk").contains("stateroot, precache, backup, restore, abort, cleanup");
    }

    private static void assertIdle(Map<String, Object> cr) {
        assertThat(LocalOutput.conditions(cr)).containsExactly("Idle/True/Idle/Idle");
        assertThat(LocalOutput.status(cr, "validNextStages")).isEqualTo(List.of("Prep"));
        assertThat(LocalOutput.status(cr, "history")).isNull();
    }
}
