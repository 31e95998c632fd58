package dev.ibu.adapters.oadp.local;

import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated calls, interrupted work, changed specs, a full partition at backup time, refused and failing restores. */
class LocalBackupRecoveryIT {
    private static final String UPGRADE = "4.16.3-recovery";
    private final LocalCluster cluster = LocalCluster.start();
    private final Path root = cluster.hostRoot().resolve(LocalLayout.HOST_RELATIVE_ROOT);

    @AfterEach
    void close() {
        cluster.close();
    }

    private LocalBackupAdapter adapter(LocalBackupSettings settings) {
        return new LocalBackupAdapter(cluster.client(), settings, () -> Either.right(UPGRADE));
    }

    @Test
    void an_unfinished_backup_is_redone_and_a_finished_one_kept_until_the_specs_change() throws IOException {
        ShopApplication.deploy(cluster.client());
        Files.createDirectories(root.resolve(UPGRADE + ".partial/backups/shop-apps"));
        Files.writeString(root.resolve(UPGRADE + ".partial/backups/shop-apps/left-by-a-crash.yaml"), "x");
        LocalBackupAdapter a = adapter(cluster.settings());

        assertThat(a.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(root.resolve(UPGRADE + ".partial")).doesNotExist();
        assertThat(root.resolve(UPGRADE + "/backups/shop-apps/left-by-a-crash.yaml")).doesNotExist();
        long taken = Files.getLastModifiedTime(root.resolve(UPGRADE + "/manifest.json")).toMillis();
        byte[] manifest = Files.readAllBytes(root.resolve(UPGRADE + "/manifest.json"));

        assertThat(a.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(Files.readAllBytes(root.resolve(UPGRADE + "/manifest.json"))).isEqualTo(manifest);
        assertThat(Files.getLastModifiedTime(root.resolve(UPGRADE + "/manifest.json")).toMillis()).isEqualTo(taken);

        ConfigMap content = cluster.client().configMaps().inNamespace(ShopApplication.NS)
                .withName(ShopApplication.CONTENT.name()).get();
        content.getData().put("backups.yaml", content.getData().get("backups.yaml")
                .replace("secrets, persistentvolumeclaims", "persistentvolumeclaims"));
        cluster.client().configMaps().inNamespace(ShopApplication.NS).resource(content).update();

        assertThat(a.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(root.resolve(UPGRADE + "/backups/shop-apps/resources/secrets")).doesNotExist();
    }

    @Test
    void a_partition_that_filled_up_since_prep_fails_the_backup_saying_so() {
        ShopApplication.deploy(cluster.client());

        Either<PortFailure, WorkProgress> r = adapter(cluster.settings().withSpace(dir -> 1L << 20).withReserve(1L << 20))
                .backup(ShopApplication.content());

        assertThat(r.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        assertThat(r.getLeft().message()).startsWith("Failed backup CRs: shop-cluster (shop-cluster: the local backup needs about");
        assertThat(root.resolve(UPGRADE)).doesNotExist();
    }

    @Test
    void an_api_server_that_does_not_answer_is_retried_and_a_refusal_is_a_failed_backup() {
        ShopApplication.deploy(cluster.client());
        LocalBackupAdapter a = adapter(cluster.settings());

        cluster.refuse("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles", 503, "etcd leader changed");
        Either<PortFailure, WorkProgress> unavailable = a.backup(ShopApplication.content());
        cluster.clearFaults();
        cluster.refuse("GET", "/namespaces/shop/secrets", 403, "secrets is forbidden: User cannot list resource");
        Either<PortFailure, WorkProgress> forbidden = a.backup(ShopApplication.content());

        assertThat(unavailable.getLeft()).isInstanceOf(PortFailure.Transient.class);
        assertThat(unavailable.getLeft().message()).contains("etcd leader changed");
        assertThat(forbidden.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        assertThat(forbidden.getLeft().message()).startsWith("Failed backup CRs: shop-apps (shop-apps: cannot list its objects")
                .contains("forbidden");
    }

    @Test
    void a_restore_the_api_server_refuses_fails_naming_the_object_and_a_repeated_restore_changes_nothing() {
        ShopApplication.deploy(cluster.client());
        LocalBackupAdapter a = adapter(cluster.settings());
        a.backup(ShopApplication.content());
        ExportBundle bundle = a.export(ShopApplication.content()).get();
        cluster.wipe();

        cluster.refuse("POST", "/namespaces/shop/configmaps", 422, "ConfigMap \"web-config\" is invalid: data: Too long");
        Either<PortFailure, WorkProgress> refused = restoreUntilSettled(a, bundle);
        cluster.clearFaults();
        Either<PortFailure, WorkProgress> done = restoreUntilSettled(a, bundle);
        String version = ShopApplication.get(cluster.client(), "Deployment/shop/web").getMetadata().getResourceVersion();
        Either<PortFailure, WorkProgress> again = a.restore(bundle);

        assertThat(refused.getLeft()).isInstanceOf(PortFailure.Terminal.class);
        assertThat(refused.getLeft().message()).startsWith("Failed restore CRs: shop-apps (ConfigMap shop/web-config: ")
                .contains("Too long");
        assertThat(done.get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(again.get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(ShopApplication.get(cluster.client(), "Deployment/shop/web").getMetadata().getResourceVersion())
                .isEqualTo(version);
    }

    private static Either<PortFailure, WorkProgress> restoreUntilSettled(LocalBackupAdapter a, ExportBundle bundle) {
        Either<PortFailure, WorkProgress> r = a.restore(bundle);
        for (int i = 0; i < 10 && r.isRight() && !(r.get() instanceof WorkProgress.Done); i++) {
            r = a.restore(bundle);
        }
        return r;
    }

}
