package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prep validation: upstream's order and messages (oadp-and-manifests.md §1.6), then the preflight warnings. */
class PrepValidationIT {
    private static final String CM = "failed to validate oadp configMap: ";
    private static final String PAIR = Docs.stream(Docs.backup("app", "1"), Docs.restore("r-app", "app", "1"));

    @Test
    void oadp_operator_missing() {
        try (OadpWorld w = OadpWorld.withoutOadp()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));
            assertThat(w.adapter.validate(List.of(ref)).getLeft()).isEqualTo(PortFailure.invalid(
                    "failed to check oadp operator availability: Please ensure OADP operator is installed in the openshift-adp"));
        }
    }

    @Test
    void no_dpa_then_two_dpas() {
        try (OadpWorld w = OadpWorld.withoutDpa()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));
            assertThat(message(w, ref)).isEqualTo(CM + "No DataProtectionApplication CR found in the openshift-adp");
            w.dpa("one", "s1");
            w.dpa("two", "s2");
            assertThat(message(w, ref)).isEqualTo(CM + "Only one DataProtectionApplication CR is allowed in the openshift-adp,");
        }
    }

    @Test
    void missing_configmap() {
        try (OadpWorld w = OadpWorld.standard()) {
            Either<PortFailure, ManifestValidation> r = w.adapter.validate(List.of(new ConfigMapRef("nope", OadpWorld.NS)));
            assertThat(r.getLeft()).isEqualTo(PortFailure.notFound(CM + "OADP configmap not found, error: failed to get"
                    + " configMap configmaps \"nope\" not found. Please create the configmap."));
        }
    }

    @Test
    void undecodable_document() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", "apiVersion: velero.io/v1\nmetadata: {}\n"));
            assertThat(message(w, ref)).startsWith(CM + "failed to decode file: Object 'Kind' is missing in");
        }
    }

    @Test
    void backup_rejected_by_the_api_server() {
        try (OadpWorld w = OadpWorld.standard()) {
            String badBackup = Docs.backup("app", "1", "").replace("spec:\n", "spec:\n  snapshotVolumes: \"sometimes\"\n");
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(badBackup, Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref)).isEqualTo(CM + "Invalid backup app detected in configmap, error: Backup.velero.io"
                    + " \"app\" is invalid: spec.snapshotVolumes: Invalid value: \"string\": spec.snapshotVolumes in body"
                    + " must be of type boolean: \"string\". Please update the invalid Backup in configmap.");
        }
    }

    @Test
    void a_backup_without_namespace_is_invalid() {
        try (OadpWorld w = OadpWorld.standard()) {
            String noNs = "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: app\nspec: {}\n";
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(noNs, Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref)).isEqualTo(CM + "Invalid backup app detected in configmap, error: metadata.namespace"
                    + " is empty (set it to openshift-adp). Please update the invalid Backup in configmap.");
        }
    }

    @Test
    void restore_rejected_by_the_api_server() {
        try (OadpWorld w = OadpWorld.standard()) {
            String badRestore = Docs.restore("r-app", "app", "1").replace("restorePVs: true", "restorePVs: \"maybe\"");
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(Docs.backup("app", "1", ""), badRestore)));
            assertThat(message(w, ref)).isEqualTo(CM + "Invalid Restore r-app detected in configmap, error: Restore.velero.io"
                    + " \"r-app\" is invalid: spec.restorePVs: Invalid value: \"string\": spec.restorePVs in body must be of"
                    + " type boolean: \"string\". Please update the invalid Restore in configmap.");
        }
    }

    @Test
    void apply_label_object_missing_or_malformed() {
        try (OadpWorld w = OadpWorld.standard()) {
            // a kind the agent may patch (deploy/base grants namespaces), so that the answer is NotFound, not Forbidden
            String missing = Docs.backup("app", "1", "    lca.openshift.io/apply-label: \"v1/namespaces/gone\"\n");
            ConfigMapRef ref = w.configMap("a", Map.of("c.yaml", Docs.stream(missing, Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref)).startsWith(CM + "failed apply backup label to objects included in apply-backup"
                    + " annotation: failed to patch object: ").contains("not found");
            String malformed = Docs.backup("app", "1", "    lca.openshift.io/apply-label: \"v1/namespaces/x,\"\n");
            ConfigMapRef ref2 = w.configMap("b", Map.of("c.yaml", Docs.stream(malformed, Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref2)).isEqualTo(CM + "invalid apply-label obj in annotation value: ");
        }
    }

    @Test
    void dangling_backup_name_is_reported_before_the_count_mismatch() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.backup("other", "1"), Docs.restore("r-app", "typo", "1"))));
            assertThat(message(w, ref)).isEqualTo(CM + "The backup CR typo defined in restore CR r-app not found in OADP configmaps");
        }
    }

    @Test
    void counts_must_match() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.backup("other", "1"), Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref)).isEqualTo(CM + "Both backup and restore CRs should be specified in OADP configmaps"
                    + " and each backup CR should be paired with a corresponding restore CR.");
        }
    }

    @Test
    void apply_wave_values_are_checked_at_prep_unlike_upstream() {
        try (OadpWorld w = OadpWorld.standard()) {
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1.5"), Docs.restore("r-app", "app", "1"))));
            assertThat(message(w, ref)).isEqualTo(CM + "error convert: strconv.Atoi: parsing \"1.5\": invalid syntax"
                    + " (annotation lca.openshift.io/apply-wave of Backup openshift-adp/app must be an integer)");
        }
    }

    @Test
    void valid_content_passes_with_dry_runs_only_and_cleans_stale_backups() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "app", OadpWorld.NS, Map.of("spec", Map.of())));
            GenericKubernetesResource stale = w.get(VeleroKinds.BACKUP, "app");
            stale.getMetadata().setLabels(Map.of(OadpNames.CLUSTER_ID_LABEL, "old-cluster"));
            w.client().genericKubernetesResources(VeleroKinds.BACKUP).resource(stale).update();
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));

            Either<PortFailure, ManifestValidation> r = w.adapter.validate(List.of(ref, ref));

            assertThat(r.get()).isEqualTo(ManifestValidation.CLEAN);
            assertThat(w.get(VeleroKinds.BACKUP, "app")).as("stale backup deleted").isNull();
            assertThat(w.list(VeleroKinds.RESTORE)).isEmpty();
            assertThat(w.cluster.dryRuns()).hasSize(2);
        }
    }

    @Test
    void a_same_named_backup_not_made_by_an_upgrade_is_reported_not_deleted() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "app", OadpWorld.NS, Map.of("spec", Map.of())));
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));
            assertThat(message(w, ref)).startsWith(CM + "Failed to cleanup stale Backups: Backup openshift-adp/app already"
                    + " exists without label config.openshift.io/clusterID");
            assertThat(w.get(VeleroKinds.BACKUP, "app")).isNotNull();
        }
    }

    @Test
    void a_same_named_backup_with_labels_but_no_cluster_id_is_stale_and_deleted_as_upstream() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "app", OadpWorld.NS, Map.of("spec", Map.of())));
            GenericKubernetesResource synced = w.get(VeleroKinds.BACKUP, "app");
            synced.getMetadata().setLabels(Map.of("velero.io/storage-location", "default"));
            w.client().genericKubernetesResources(VeleroKinds.BACKUP).resource(synced).update();
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));

            Either<PortFailure, ManifestValidation> r = w.adapter.validate(List.of(ref));

            assertThat(r.get()).isEqualTo(ManifestValidation.CLEAN);
            assertThat(w.get(VeleroKinds.BACKUP, "app")).as("deleted through a DeleteBackupRequest").isNull();
        }
    }

    @Test
    void an_unlabelled_same_named_backup_refuses_prep_and_waits_at_upgrade_naming_the_fix() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "app", OadpWorld.NS, Map.of("spec", Map.of())));
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", PAIR));
            String why = "Backup openshift-adp/app already exists without label config.openshift.io/clusterID and"
                    + " without any other label, so it was not created by an image-based upgrade: delete it (oc delete"
                    + " backups.velero.io -n openshift-adp app) or rename the Backup in the oadpContent ConfigMap";

            Either<PortFailure, ManifestValidation> prep = w.adapter.validate(List.of(ref));
            Either<PortFailure, WorkProgress> upgrade = w.adapter.backup(List.of(ref));

            assertThat(prep.getLeft()).isEqualTo(PortFailure.invalid(CM + "Failed to cleanup stale Backups: " + why));
            assertThat(upgrade.getLeft()).isEqualTo(PortFailure.transientFailure("failed to cleanup stale Backups: "
                    + why));
            assertThat(w.get(VeleroKinds.BACKUP, "app")).isNotNull();
        }
    }

    @Test
    void lvm_storage_pitfalls_and_an_unavailable_location_are_warnings() {
        try (OadpWorld w = OadpWorld.standard()) {
            w.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                    .withName("lvms-vg1").endMetadata().withProvisioner("topolvm.io").build()).create();
            w.cluster.namespace("test");
            w.client().persistentVolumeClaims().inNamespace("test").resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("pvc-db").withNamespace("test").endMetadata()
                    .withNewSpec().withStorageClassName("lvms-vg1").endSpec().build()).create();
            String backup = "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: small-app\n  namespace: openshift-adp\n"
                    + "spec:\n  includedNamespaces:\n  - test\n  includedNamespaceScopedResources:\n  - persistentvolumeclaims\n";
            String restore = "apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: sample-vote-app\n"
                    + "  namespace: openshift-adp\nspec:\n  backupName: small-app\n";
            ConfigMapRef ref = w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(backup, restore)));
            w.store.setReachable(false);
            w.velero.tick();

            java.util.List<String> warnings = w.adapter.validate(List.of(ref)).get().warnings().toJavaList();

            assertThat(warnings).containsExactly(
                    "Backup openshift-adp/small-app backs up PersistentVolumeClaims of LVM Storage (test/pvc-db (class"
                            + " lvms-vg1)) but not logicalvolumes.topolvm.io: add \"logicalvolumes.topolvm.io\" to"
                            + " spec.includedClusterScopedResources of the Backup, or the volumes come back empty after"
                            + " the upgrade",
                    "Restore openshift-adp/sample-vote-app restores LVM Storage volumes of Backup small-app but"
                            + " spec.restorePVs is not true: add \"restorePVs: true\" to the Restore's spec, or the volume"
                            + " contents are not restored",
                    "Restore openshift-adp/sample-vote-app restores LVM Storage volumes of Backup small-app but"
                            + " spec.restoreStatus.includedResources lacks logicalvolumes: add \"restoreStatus:"
                            + " {includedResources: [logicalvolumes]}\" to the Restore's spec, or Velero loses the"
                            + " logicalvolume status that points at the volume",
                    "backupStorageLocation default not available" + BackupStorage.FIX
                            + " (the Upgrade stage waits until this is fixed)");
        }
    }

    private static String message(OadpWorld w, ConfigMapRef ref) {
        Either<PortFailure, ManifestValidation> r = w.adapter.validate(List.of(ref));
        assertThat(r.isLeft()).as("expected a failure, got %s", r).isTrue();
        return r.getLeft().message();
    }
}
