package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesParsingTest {
    @Test
    void precacheCountsFromTheAgentsMessage() {
        var p = PrecacheProgress.parse("Precache job in progress. job-name: lca-prep-precache, job-namespace: "
                + "openshift-lifecycle-agent. total: 120 (pulled: 30, failed: 6)").get();
        assertThat(p).isEqualTo(new PrecacheProgress(120, 30, 6));
        assertThat(p.percent()).isEqualTo(30);
        assertThat(p.bar(20)).isEqualTo("[#####!..............]");
    }

    @Test
    void precacheBarEdges() {
        assertThat(new PrecacheProgress(3, 3, 0).bar(6)).isEqualTo("[######]");
        assertThat(new PrecacheProgress(3, 0, 3).bar(6)).isEqualTo("[!!!!!!]");
        assertThat(new PrecacheProgress(0, 0, 0).bar(4)).isEqualTo("[####]");
        assertThat(new PrecacheProgress(0, 0, 0).percent()).isEqualTo(100);
        assertThat(new PrecacheProgress(7, 1, 0).bar(10)).hasSize(12);
    }

    @Test
    void noPrecacheProgressWithoutCounts() {
        assertThat(PrecacheProgress.parse("Precache job in progress. job-name: lca-prep-precache, job-namespace: x. "
                + "No precache status file to read yet.")).isEmpty();
        assertThat(PrecacheProgress.parse("total: 99999999999 (pulled: 1, failed: 0)")).isEmpty();
    }

    @Test
    void backupAndRestoreFromUpgradeMessages() {
        assertThat(DataProtection.parse("Backup of Application Data is in progress").get())
                .extracting(DataProtection::operation, DataProtection::state).containsExactly("Backup", "in progress");
        var failed = DataProtection.parse("Failed restore CRs: apps/restore-a, apps/restore-b").get();
        assertThat(failed.operation()).isEqualTo("Restore");
        assertThat(failed.failed()).containsExactly("apps/restore-a", "apps/restore-b");
        assertThat(DataProtection.parse("Restore of Application Data is in progress: wave 2/3").get().wave())
                .contains("2/3");
        assertThat(DataProtection.parse("Restoring Application Data: Failure occurred: x").get().state())
                .isEqualTo("retrying after a failure");
        assertThat(DataProtection.parse("Applying Config Manifests")).isEmpty();
    }
}
