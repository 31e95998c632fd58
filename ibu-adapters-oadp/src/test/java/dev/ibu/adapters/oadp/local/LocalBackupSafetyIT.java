package dev.ibu.adapters.oadp.local;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local backup refuses, and how it cleans up: names, space, volume data, cleanup failures and retries. */
class LocalBackupSafetyIT {
    private static final ConfigMapRef REF = new ConfigMapRef("oadp", "openshift-adp");
    private final LocalCluster cluster = LocalCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private LocalBackupAdapter adapter(LocalBackupSettings settings) {
        return new LocalBackupAdapter(cluster.client(), settings, () -> Either.right("4.16.3-safety"));
    }

    private void content(String backupName, String backupSpec) {
        String backup = "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: \"" + backupName + "\"\n"
                + "  namespace: openshift-adp\nspec:\n" + backupSpec;
        String restore = "apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: restore-apps\n"
                + "  namespace: openshift-adp\nspec:\n  backupName: \"" + backupName + "\"\n";
        cluster.client().configMaps().inNamespace(REF.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(REF.name()).withNamespace(REF.namespace()).endMetadata()
                .withData(Map.of("backup.yaml", backup, "restore.yaml", restore)).build()).create();
    }

    private void namespace(String name) {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
    }

    @Test
    void a_backup_name_that_would_leave_the_directory_is_refused_at_prep_and_at_backup() throws IOException {
        content("../../../etc", "  includedNamespaces: [apps]\n");
        LocalBackupAdapter a = adapter(cluster.settings());

        Either<PortFailure, ManifestValidation> v = a.validate(List.of(REF));
        Either<PortFailure, WorkProgress> b = a.backup(List.of(REF));

        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(v.getLeft().message()).contains("name of Backup openshift-adp/../../../etc").contains("rename the Backup");
        assertThat(b.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        assertThat(b.getLeft().message()).startsWith("Failed backup CRs: ../../../etc (");
        try (Stream<Path> all = Files.walk(cluster.hostRoot())) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void an_object_whose_name_is_too_long_for_a_file_fails_the_backup_naming_it() {
        namespace("apps");
        String longName = "c".repeat(230);
        cluster.client().configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(longName).withNamespace("apps").endMetadata().build()).create();
        content("backup-apps", "  includedNamespaces: [apps]\n");

        Either<PortFailure, WorkProgress> b = adapter(cluster.settings()).backup(List.of(REF));

        assertThat(b.getLeft().message()).startsWith("Failed backup CRs: backup-apps (backup-apps: name of ConfigMap apps/ccc")
                .contains("longer than 200 bytes");
    }

    @Test
    void prep_refuses_when_the_partition_cannot_hold_the_backup_beside_the_reserve() {
        namespace("apps");
        content("backup-apps", "  includedNamespaces: [apps]\n");
        LocalBackupSettings tight = cluster.settings().withSpace(dir -> 300L << 20).withReserve(300L << 20);

        Either<PortFailure, ManifestValidation> v = adapter(tight).validate(List.of(REF));
        Either<PortFailure, ManifestValidation> roomy = adapter(cluster.settings()).validate(List.of(REF));

        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(v.getLeft().message()).contains("the local backup needs about").contains("0.0 MiB are free")
                .contains("300.0 MiB kept for the node's images").contains("lca.openshift.io/backup-method: oadp");
        assertThat(roomy.isRight()).isTrue();
    }

    @Test
    void asking_for_volume_data_is_a_warning_naming_the_backup() {
        content("backup-apps", "  includedNamespaces: [apps]\n  snapshotVolumes: true\n  snapshotMoveData: true\n");

        ManifestValidation v = adapter(cluster.settings()).validate(List.of(REF)).get();

        assertThat(v.warnings()).singleElement().asString().contains("Backup openshift-adp/backup-apps")
                .contains("spec.snapshotVolumes, spec.snapshotMoveData").contains("Kubernetes objects only");
    }

    @Test
    void cleanup_deletes_the_directory_names_what_is_left_and_succeeds_once_it_is_removed() throws IOException {
        namespace("apps");
        content("backup-apps", "  includedNamespaces: [apps]\n");
        LocalBackupAdapter a = adapter(cluster.settings());
        a.backup(List.of(REF));
        Path root = cluster.hostRoot().resolve(LocalLayout.HOST_RELATIVE_ROOT);
        Path stray = Files.writeString(root.resolve(".left-by-hand"), "x");

        Either<PortFailure, WorkProgress> first = a.cleanupStep();

        assertThat(first.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        assertThat(first.getLeft().message()).contains(stray.toString()).contains("lca.openshift.io/manual-cleanup-done");
        assertThat(root.resolve("4.16.3-safety")).doesNotExist();

        Files.delete(stray);
        assertThat(a.cleanupStep().get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(root).doesNotExist();
        assertThat(root.getParent()).exists();
        assertThat(a.cleanupStep().get()).isInstanceOf(WorkProgress.Done.class);
    }

    @Test
    void cleanup_removes_the_labels_apply_label_put() {
        ShopApplication.deploy(cluster.client());
        LocalBackupAdapter a = adapter(cluster.settings());
        assertThat(a.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(ShopApplication.get(cluster.client(), "ClusterRole//shop-reader").getMetadata().getLabels())
                .containsEntry("lca.openshift.io/backup", "shop-cluster");

        assertThat(a.cleanupStep().get()).isInstanceOf(WorkProgress.Done.class);

        assertThat(ShopApplication.get(cluster.client(), "ClusterRole//shop-reader").getMetadata().getLabels())
                .doesNotContainKey("lca.openshift.io/backup");
    }
}
