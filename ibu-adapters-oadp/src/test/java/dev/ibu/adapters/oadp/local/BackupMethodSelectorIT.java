package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which adapter does the work: the IBU's annotation, else OADP when installed; the bundle for the restore. */
class BackupMethodSelectorIT {
    private static final List<ConfigMapRef> CONTENT = List.of(new ConfigMapRef("oadp", "openshift-adp"));
    private final LocalCluster cluster = LocalCluster.start();
    private final Recording oadp = new Recording("oadp");
    private final Recording local = new Recording("local");

    @AfterEach
    void close() {
        cluster.close();
    }

    private BackupMethodSelector selector(boolean oadpInstalled) {
        return new BackupMethodSelector(new OadpCluster(cluster.client()), oadp, Optional.of(local), () -> oadpInstalled);
    }

    private void ibu(Map<String, String> annotations) {
        cluster.client().genericKubernetesResources(IbuFacts.IBU).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("lca.openshift.io/v1").withKind("ImageBasedUpgrade").withNewMetadata().withName("upgrade")
                .withAnnotations(annotations).endMetadata()
                .addToAdditionalProperties("spec", Map.of("stage", "Prep", "seedImageRef",
                        Map.of("version", "4.16.3", "image", "quay.io/x/seed:4.16.3"))).build()).create();
    }

    @Test
    void without_the_annotation_oadp_when_installed_else_local_with_a_warning() {
        ibu(Map.of());

        selector(true).backup(CONTENT);
        Either<PortFailure, ManifestValidation> v = selector(false).validate(CONTENT);

        assertThat(oadp.calls).containsExactly("backup");
        assertThat(local.calls).containsExactly("validate");
        assertThat(v.get().warnings().head()).contains("OADP operator is not installed")
                .contains("lca.openshift.io/backup-method: oadp");
    }

    @Test
    void the_annotation_wins_over_the_default() {
        ibu(Map.of(BackupMethod.ANNOTATION, "local"));

        selector(true).backup(CONTENT);
        selector(true).export(CONTENT);

        assertThat(local.calls).containsExactly("backup", "export");
        assertThat(oadp.calls).isEmpty();
    }

    @Test
    void an_unknown_value_is_invalid_and_names_the_annotation_and_the_values() {
        ibu(Map.of(BackupMethod.ANNOTATION, "s3"));

        Either<PortFailure, WorkProgress> r = selector(true).backup(CONTENT);

        assertThat(r.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(r.getLeft().message()).contains(BackupMethod.ANNOTATION).contains("\"s3\"").contains("\"oadp\" or \"local\"");
        assertThat(oadp.calls).isEmpty();
        assertThat(local.calls).isEmpty();
    }

    @Test
    void local_asked_without_a_local_store_is_invalid_and_says_why() {
        ibu(Map.of(BackupMethod.ANNOTATION, "local"));

        Either<PortFailure, WorkProgress> r = new BackupMethodSelector(new OadpCluster(cluster.client()), oadp,
                Optional.empty(), () -> true).backup(CONTENT);

        assertThat(r.getLeft().message()).contains("host.root");
    }

    @Test
    void the_restore_follows_the_bundle_and_cleanup_runs_both() {
        ExportBundle localBundle = new ExportBundle(LinkedHashMap.of(LocalBundle.REF, "{}"));
        ExportBundle oadpBundle = new ExportBundle(LinkedHashMap.of("1/1_r_ns.yaml", "kind: Restore"));
        BackupMethodSelector s = selector(true);

        s.restore(localBundle);
        s.restore(oadpBundle);
        s.cleanupStep();

        assertThat(local.calls).containsExactly("restore", "cleanupStep");
        assertThat(oadp.calls).containsExactly("restore", "cleanupStep");
    }

    @Test
    void a_local_cleanup_failure_is_reported_with_an_oadp_one() {
        local.cleanupFailure = PortFailure.terminal("failed to delete the local backup, left: /x");
        oadp.cleanupFailure = PortFailure.terminal("failed to cleanup backups: y");

        Either<PortFailure, WorkProgress> r = selector(true).cleanupStep();

        assertThat(r.getLeft().message()).contains("left: /x").contains("failed to cleanup backups: y");
    }

    @Test
    void the_directory_is_named_after_the_target_version_and_the_uid() {
        assertThat(new IbuFacts("1f2e3d4c-aaaa-bbbb", "4.16.3", Map.of()).upgradeKey()).isEqualTo("4.16.3-1f2e3d4c");
        assertThat(new IbuFacts("", "../4.16/../x", Map.of()).upgradeKey()).matches("[A-Za-z0-9][A-Za-z0-9.-]*")
                .doesNotContain("..");
        assertThat(new IbuFacts("", "", Map.of()).upgradeKey()).isEqualTo("upgrade");
    }

    /** A BackupPort that records what was asked of it. */
    static final class Recording implements BackupPort {
        final java.util.List<String> calls = new ArrayList<>();
        final String name;
        PortFailure cleanupFailure;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
            calls.add("validate");
            return Either.right(ManifestValidation.CLEAN);
        }

        @Override
        public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
            calls.add("backup");
            return Either.right(new WorkProgress.Done());
        }

        @Override
        public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
            calls.add("export");
            return Either.right(ExportBundle.EMPTY);
        }

        @Override
        public Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
            calls.add("restore");
            return Either.right(new WorkProgress.Done());
        }

        @Override
        public Either<PortFailure, Void> cleanup() {
            calls.add("cleanup");
            return cleanupFailure == null ? Either.right(null) : Either.left(cleanupFailure);
        }

        @Override
        public Either<PortFailure, WorkProgress> cleanupStep() {
            calls.add("cleanupStep");
            return cleanupFailure == null ? Either.right(new WorkProgress.Done()) : Either.left(cleanupFailure);
        }
    }
}
