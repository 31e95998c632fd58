package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prep -> Upgrade (backups) -> export -> pivot (new cluster, same bucket, late sync) -> restores -> finalize
 * cleanup, against the strict API server (as the agent's ServiceAccount) and the test Velero. Eleven waves, so that group 10 must follow group 2.
 */
class UpgradeRunIT {
    private static final int APPS = 11;

    @Test
    void prep_upgrade_restore_finalize_keeps_every_backup_until_its_restore_completed() {
        try (OadpWorld pre = OadpWorld.standard()) {
            List<ConfigMapRef> refs = List.of(content(pre));
            prep(pre, refs);
            backUp(pre, refs);
            ExportBundle bundle = pre.adapter.export(refs).get();
            assertThat(bundle.files().keySet().toJavaList()).contains("dpa/dataprotectionapplication.yaml",
                    "secret/cloud-credentials.yaml", "1/1_r-app1_openshift-adp.yaml",
                    "10/1_r-app10_openshift-adp.yaml");
            try (OadpWorld post = pre.pivot()) {
                restoreAfterPivot(post, bundle);
                finalizeUpgrade(post);
            }
            assertThat(pre.velero.log()).noneMatch(l -> l.startsWith("backup-deleted"));
        }
    }

    private static void prep(OadpWorld pre, List<ConfigMapRef> refs) {
        Either<PortFailure, ManifestValidation> prep = pre.adapter.validate(refs);
        assertThat(prep.isRight()).as("Prep validation: %s", prep).isTrue();
        assertThat(prep.get().warnings()).isEmpty();
        assertThat(pre.cluster.dryRuns()).filteredOn(r -> r.startsWith("POST")).hasSize(2 * APPS);
        assertThat(pre.list(VeleroKinds.BACKUP)).as("dry-runs persist nothing").isEmpty();
    }

    private static void backUp(OadpWorld pre, List<ConfigMapRef> refs) {
        int before = pre.cluster.requestCount();
        long started = System.nanoTime();
        Drive backups = Drive.until(() -> pre.adapter.backup(refs), pre.velero::tick, 200);
        System.out.printf("figure: %d backups in %d waves: %d passes, %d API requests (adapter and test Velero),"
                + " %d ms%n", APPS, APPS, backups.passes.size(), pre.cluster.requestCount() - before,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(backups.last().isRight() && backups.last().get() instanceof WorkProgress.Done)
                .as("backups: %s", backups.last()).isTrue();
        assertThat(completed(pre.velero.log(), "backup-completed ")).containsExactlyElementsOf(appNames("app"));
        for (GenericKubernetesResource b : pre.list(VeleroKinds.BACKUP)) {
            assertThat(b.getMetadata().getLabels()).containsEntry(OadpNames.CLUSTER_ID_LABEL, OadpWorld.CLUSTER_ID);
        }
        assertThat(pre.store.backupKeys()).hasSize(APPS);
    }

    private static void restoreAfterPivot(OadpWorld post, ExportBundle bundle) {
        post.velero.syncLate(4);
        Drive restores = Drive.until(() -> post.adapter.restore(bundle), post.velero::tick, 300);
        assertThat(restores.last().isRight() && restores.last().get() instanceof WorkProgress.Done)
                .as("restores: %s", restores.last()).isTrue();
        assertThat(post.get(VeleroKinds.DPA, "dataprotectionapplication")).isNotNull();
        assertThat(post.client().secrets().inNamespace(OadpWorld.NS).withName("cloud-credentials").get()
                .getData()).containsKey("cloud");
        System.out.printf("restores: %d passes, first waits: %s%n", restores.passes.size(),
                restores.passes.subList(0, 3));
        java.util.List<String> log = post.velero.log();
        assertThat(completed(log, "restore-created ")).as("restores by numeric group")
                .containsExactlyElementsOf(appNames("r-app"));
        for (String app : appNames("app")) {
            assertThat(log.indexOf("backup-synced " + app)).as("synced before its restore")
                    .isLessThan(log.indexOf("restore-created r-" + app)).isNotNegative();
        }
    }

    private static void finalizeUpgrade(OadpWorld post) {
        Either<PortFailure, Void> finalized = post.adapter.cleanup();
        assertThat(finalized.isRight()).as("cleanup: %s", finalized).isTrue();
        assertThat(post.list(VeleroKinds.BACKUP)).isEmpty();
        assertThat(post.list(VeleroKinds.DELETE_BACKUP_REQUEST)).isEmpty();
        assertThat(post.store.backupKeys()).isEmpty();
        java.util.List<String> all = post.velero.log();
        for (String app : appNames("app")) {
            assertThat(all.indexOf("backup-deleted " + app)).as("%s deleted after its restore completed", app)
                    .isGreaterThan(all.indexOf("restore-completed r-" + app));
        }
    }

    /** One ConfigMap: backups in one key (with an ignored Namespace), restores in another, waves 1..11. */
    static ConfigMapRef content(OadpWorld w) {
        java.util.List<String> backups = new ArrayList<>();
        java.util.List<String> restores = new ArrayList<>();
        backups.add("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ignored\n");
        for (int i = APPS; i >= 1; i--) {
            backups.add(Docs.backup("app" + i, String.valueOf(i)));
            restores.add(Docs.restore("r-app" + i, "app" + i, String.valueOf(i)));
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("backups.yaml", Docs.stream(backups.toArray(String[]::new)));
        data.put("restores.yaml", Docs.stream(restores.toArray(String[]::new)));
        return w.configMap("oadp-cm", data);
    }

    private static java.util.List<String> appNames(String prefix) {
        return IntStream.rangeClosed(1, APPS).mapToObj(i -> prefix + i).toList();
    }

    private static java.util.List<String> completed(java.util.List<String> log, String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
