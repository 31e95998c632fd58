package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What ends an upgrade, what only holds it, and what the Backups look like when created. */
class BackupAndRestoreFailuresIT {

    @ParameterizedTest
    @ValueSource(strings = {"Failed", "PartiallyFailed", "FailedValidation"})
    void a_failing_backup_fails_the_upgrade_with_the_failing_names_and_later_waves_never_start(String phase) {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("b-one", "1"), Docs.backup("a-two", "1"), Docs.backup("later", "5"))));
            w.velero.failBackup("b-one", phase);
            w.velero.failBackup("a-two", phase);

            Either<PortFailure, WorkProgress> r = Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 30).last();

            assertThat(r.getLeft()).isEqualTo(PortFailure.terminal("Failed backup CRs: a-two,b-one"));
            assertThat(w.get(VeleroKinds.BACKUP, "later")).as("wave 5 not started").isNull();
        }
    }

    @Test
    void an_api_outage_while_tracking_is_retried_not_fatal() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.backup("app", "1")));
            w.cluster.inject(q -> q.method().equals("GET") && q.path().endsWith("/backups/app"), 503, "unavailable");

            Either<PortFailure, WorkProgress> r = w.adapter.backup(List.of(ref));

            assertThat(r.getLeft()).isInstanceOf(PortFailure.Transient.class);
            assertThat(r.getLeft().message()).startsWith("failed to cleanup stale Backups: failed to get backup: unavailable");
            w.cluster.clearFaults();
            assertThat(Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 20).last().get())
                    .isInstanceOf(WorkProgress.Done.class);
        }
    }

    @Test
    void backups_wait_while_the_storage_location_is_unavailable() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.backup("app", "1")));
            w.store.setReachable(false);
            w.velero.tick();

            Either<PortFailure, WorkProgress> r = w.adapter.backup(List.of(ref));

            assertThat(r.get()).isEqualTo(new WorkProgress.Waiting("backupStorageLocation default not available"
                    + BackupStorage.FIX));
            assertThat(w.get(VeleroKinds.BACKUP, "app")).isNull();
            w.store.setReachable(true);
            w.velero.tick();
            assertThat(Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 20).last().get())
                    .isInstanceOf(WorkProgress.Done.class);
        }
    }

    @Test
    void apply_label_objects_are_labelled_and_the_backup_selector_narrowed_to_them() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("klusterlet")
                    .addToLabels("keep", "me").endMetadata().build()).create();
            String labelled = Docs.backup("acm", "1", "    lca.openshift.io/apply-label: \"v1/namespaces/klusterlet\"\n");
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", labelled));

            Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 20);

            assertThat(w.client().namespaces().withName("klusterlet").get().getMetadata().getLabels())
                    .containsEntry(OadpNames.BACKUP_LABEL, "acm").containsEntry("keep", "me");
            GenericKubernetesResource backup = w.get(VeleroKinds.BACKUP, "acm");
            assertThat(backup.getMetadata().getLabels()).containsEntry(OadpNames.CLUSTER_ID_LABEL, OadpWorld.CLUSTER_ID)
                    .containsEntry("velero.io/storage-location", "default");
            assertThat(backup.getMetadata().getAnnotations()).containsKey(OadpNames.APPLY_WAVE);
            assertThat(VeleroCr.map(VeleroCr.map(backup.getAdditionalProperties().get("spec")).get("labelSelector")))
                    .isEqualTo(Map.of("matchLabels", Map.of(OadpNames.BACKUP_LABEL, "acm")));

            w.adapter.cleanup();
            assertThat(w.client().namespaces().withName("klusterlet").get().getMetadata().getLabels())
                    .doesNotContainKey(OadpNames.BACKUP_LABEL).containsEntry("keep", "me");
        }
    }

    @Test
    void lvm_storage_volumes_are_retained_across_the_upgrade_and_reset_after_the_restores() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.client().persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("pvc-1234")
                    .addToAnnotations("pv.kubernetes.io/provisioned-by", "topolvm.io").endMetadata()
                    .withNewSpec().withPersistentVolumeReclaimPolicy("Delete").endSpec().build()).create();
            w.client().persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("nfs-1")
                    .endMetadata().withNewSpec().withPersistentVolumeReclaimPolicy("Delete").endSpec().build()).create();
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.restore("r-app", "app", "1"))));

            Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 20);
            PersistentVolume lvms = w.client().persistentVolumes().withName("pvc-1234").get();
            assertThat(lvms.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
            assertThat(lvms.getMetadata().getAnnotations()).containsEntry(LvmsReclaimPolicy.UPDATED, "true");
            assertThat(w.client().persistentVolumes().withName("nfs-1").get().getSpec()
                    .getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");

            ExportBundle bundle = w.adapter.export(List.of(ref)).get();
            Drive.until(() -> w.adapter.restore(bundle), w.velero::tick, 20);
            PersistentVolume after = w.client().persistentVolumes().withName("pvc-1234").get();
            assertThat(after.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
            assertThat(after.getMetadata().getAnnotations()).doesNotContainKey(LvmsReclaimPolicy.UPDATED);
        }
    }

    @Test
    void a_stale_backup_from_an_earlier_installation_is_deleted_before_ours_is_created() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "app", OadpWorld.NS,
                    Map.of("spec", Map.of(), "status", Map.of("phase", "Completed"))));
            GenericKubernetesResource old = w.get(VeleroKinds.BACKUP, "app");
            old.getMetadata().setLabels(Map.of(OadpNames.CLUSTER_ID_LABEL, "earlier-install"));
            w.client().genericKubernetesResources(VeleroKinds.BACKUP).resource(old).update();
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.backup("app", "1")));

            Either<PortFailure, WorkProgress> first = w.adapter.backup(List.of(ref));
            assertThat(first.get()).isEqualTo(new WorkProgress.Waiting(
                    "Deleting stale Backups from an earlier installation: openshift-adp/app"));

            Drive d = Drive.until(() -> w.adapter.backup(List.of(ref)), w.velero::tick, 20);
            assertThat(d.last().get()).isInstanceOf(WorkProgress.Done.class);
            assertThat(w.get(VeleroKinds.BACKUP, "app").getMetadata().getLabels())
                    .containsEntry(OadpNames.CLUSTER_ID_LABEL, OadpWorld.CLUSTER_ID);
            assertThat(w.velero.log()).startsWith("backup-deleted app");
        }
    }

    @Test
    void a_failed_restore_ends_the_upgrade_and_restores_wait_for_the_backup_to_sync() {
        try (OadpWorld pre = OadpWorld.standard()) {
            ConfigMapRef ref = pre.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.restore("r-app", "app", "1"))));
            Drive.until(() -> pre.adapter.backup(List.of(ref)), pre.velero::tick, 20);
            ExportBundle bundle = pre.adapter.export(List.of(ref)).get();
            try (OadpWorld post = pre.pivot()) {
                post.velero.syncLate(1000);
                post.velero.failRestore("r-app", "PartiallyFailed");
                Drive waiting = Drive.until(() -> post.adapter.restore(bundle), post.velero::tick, 10);
                assertThat(waiting.last().get()).isEqualTo(new WorkProgress.Waiting(RestoreRunner.IN_PROGRESS));
                assertThat(post.get(VeleroKinds.RESTORE, "r-app")).as("not created before the sync").isNull();

                post.velero.syncLate(0);
                Either<PortFailure, WorkProgress> r = Drive.until(() -> post.adapter.restore(bundle), post.velero::tick, 20).last();
                assertThat(r.getLeft()).isEqualTo(PortFailure.terminal("Failed restore CRs: r-app"));
            }
        }
    }

    @Test
    void a_dpa_that_cannot_be_recreated_after_the_pivot_ends_the_upgrade() {
        try (OadpWorld pre = OadpWorld.standard()) {
            ConfigMapRef ref = pre.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.restore("r-app", "app", "1"))));
            ExportBundle bundle = pre.adapter.export(List.of(ref)).get();
            try (OadpWorld post = pre.pivot()) {
                post.cluster.inject(q -> q.method().equals("POST") && q.path().contains("dataprotectionapplications"),
                        404, "the server could not find the requested resource");

                Either<PortFailure, WorkProgress> r = post.adapter.restore(bundle);

                assertThat(r.getLeft()).isInstanceOf(PortFailure.Terminal.class);
                assertThat(r.getLeft().message()).startsWith("DataProtectionApplication dataprotectionapplication is not found");
            }
        }
    }
}
