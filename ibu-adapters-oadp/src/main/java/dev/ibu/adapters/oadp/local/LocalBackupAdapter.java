package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.LvmsReclaimPolicy;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.util.function.Supplier;

/**
 * {@link BackupPort} without OADP: the objects the {@code oadpContent} Backups select are kept as YAML files on the
 * node's shared container partition (it survives the pivot and is shared between stateroots), one directory per
 * upgrade with a SHA-256 manifest, and created again after the pivot wave by wave with Velero's default transforms.
 * No operator, no BackupStorageLocation, no object store. Persistent volume contents are not copied (volumes with
 * reclaim policy Retain keep their data). Backups and restores are synchronous; every call is safe to repeat.
 */
public final class LocalBackupAdapter implements BackupPort {
    private final Supplier<Either<PortFailure, String>> upgradeKey;
    private final LocalValidator validator;
    private final LocalBackupRunner backups;
    private final LocalExporter exporter;
    private final LocalRestoreRunner restores;
    private final LocalCleanup cleanup;

    /** The directory of each upgrade is named after the ImageBasedUpgrade (target version and uid). */
    public LocalBackupAdapter(KubernetesClient client, LocalBackupSettings settings) {
        this(client, settings, () -> IbuFacts.read(new OadpCluster(client))
                .mapLeft(e -> PortFailure.transientFailure("failed to read ImageBasedUpgrade upgrade: " + e))
                .flatMap(ibu -> ibu.<Either<PortFailure, String>>map(f -> Either.right(f.upgradeKey()))
                        .orElseGet(() -> Either.left(PortFailure.notFound("ImageBasedUpgrade upgrade not found: the local"
                                + " backup names its directory after it")))));
    }

    /** @param upgradeKey the per-upgrade directory name (checked by {@link SafeName}) */
    public LocalBackupAdapter(KubernetesClient client, LocalBackupSettings settings,
                              Supplier<Either<PortFailure, String>> upgradeKey) {
        OadpCluster cluster = new OadpCluster(client);
        LocalStore store = new LocalStore(settings);
        LvmsReclaimPolicy reclaim = new LvmsReclaimPolicy(client);
        this.upgradeKey = () -> upgradeKey.get().flatMap(k -> SafeName.isSafe(k) ? Either.right(k)
                : Either.left(PortFailure.invalid("the local backup directory name " + k + " is not a plain name")));
        this.validator = new LocalValidator(cluster, store);
        this.backups = new LocalBackupRunner(cluster, store, reclaim);
        this.exporter = new LocalExporter(cluster, store);
        this.restores = new LocalRestoreRunner(cluster, store, reclaim);
        this.cleanup = new LocalCleanup(cluster, store, reclaim);
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
        return validator.validate(oadpContent.asJava()).map(w -> new ManifestValidation(List.ofAll(w)));
    }

    @Override
    public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
        return upgradeKey.get().flatMap(key -> backups.run(oadpContent.asJava(), key));
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
        return upgradeKey.get().flatMap(key -> exporter.export(oadpContent.asJava(), key));
    }

    @Override
    public Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
        return restores.run(exported);
    }

    @Override
    public Either<PortFailure, Void> cleanup() {
        return cleanup.step().map(done -> null);
    }

    @Override
    public Either<PortFailure, WorkProgress> cleanupStep() {
        return cleanup.step();
    }
}
