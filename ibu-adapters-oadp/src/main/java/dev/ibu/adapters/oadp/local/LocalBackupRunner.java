package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.ApplyLabelTarget;
import dev.ibu.adapters.oadp.ApplyWave;
import dev.ibu.adapters.oadp.LvmsReclaimPolicy;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.OadpContentReader;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-pivot backup, in one call: the Backups of {@code oadpContent} wave by wave, each interpreted as Velero
 * would ({@link BackupSelection}, {@link ObjectCollector}) and written object by object into {@code
 * <upgrade>.partial/}; the manifest last; then the directory is renamed to {@code <upgrade>/}. A complete directory
 * for the same Backup specs is kept (an agent restart does not back up twice). A Backup whose objects cannot be
 * listed (other than transiently), named or written fails the upgrade: {@code Failed backup CRs: a,b (why)}.
 */
final class LocalBackupRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBackupRunner.class);
    private static final String SORTED = "error while getting sorted backups from configmap: ";
    private static final String TRACKING = "error while starting or tracking backup: ";

    private final OadpCluster cluster;
    private final LocalStore store;
    private final LocalContent content;
    private final ObjectCollector collector;
    private final LvmsReclaimPolicy reclaim;

    LocalBackupRunner(OadpCluster cluster, LocalStore store, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.store = store;
        this.content = new LocalContent(cluster);
        this.collector = new ObjectCollector(cluster.client());
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> run(List<ConfigMapRef> refs, String upgrade) {
        Either<PortFailure, List<VeleroCr>> read = content.read(refs, SORTED);
        if (read.isLeft()) {
            return Either.left(read.getLeft());
        }
        List<VeleroCr> backups = OadpContentReader.backups(read.get());
        if (backups.isEmpty()) {
            return Either.right(new WorkProgress.Done());
        }
        Either<String, List<List<VeleroCr>>> groups = ApplyWave.group(backups, VeleroCr::name, VeleroCr::annotations);
        if (groups.isLeft()) {
            return Either.left(PortFailure.invalid(SORTED + groups.getLeft()));
        }
        String digest = LocalContent.digest(backups);
        try {
            ContainedDir root = store.open();
            if (complete(root, upgrade, digest)) {
                return Either.right(new WorkProgress.Done());
            }
            return backUp(root, upgrade, digest, groups.get());
        } catch (IOException e) {
            LOG.warn("local backup into {} failed: {}", store.root(), e.toString());
            return Either.left(PortFailure.terminal("Failed backup CRs: " + String.join(",", backups.stream()
                    .map(VeleroCr::name).toList()) + " (cannot use " + store.root() + ": " + e.getMessage() + ")"));
        }
    }

    /** A finished, intact backup of the same specs; anything else under this upgrade's name is removed. */
    private boolean complete(ContainedDir root, String upgrade, String digest) throws IOException {
        if (!root.exists(upgrade)) {
            return false;
        }
        Either<String, BackupManifest> ok = ManifestCheck.verify(root, upgrade, java.util.Optional.empty());
        if (ok.isRight() && ok.get().contentDigest().equals(digest)) {
            LOG.info("local backup {} is complete and intact; not taken again", root.resolve(upgrade));
            return true;
        }
        LOG.info("replacing local backup {}: {}", root.resolve(upgrade),
                ok.isLeft() ? ok.getLeft() : "the Backup specs changed");
        List<String> left = root.deleteTree(upgrade);
        if (!left.isEmpty()) {
            throw new IOException("cannot remove the earlier backup: " + String.join(", ", left));
        }
        return false;
    }

    private Either<PortFailure, WorkProgress> backUp(ContainedDir root, String upgrade, String digest,
                                                      List<List<VeleroCr>> groups) throws IOException {
        String staging = LocalLayout.staging(upgrade);
        List<String> stale = root.deleteTree(staging);
        if (!stale.isEmpty()) {
            throw new IOException("cannot remove an unfinished backup: " + String.join(", ", stale));
        }
        root.mkdirs(staging);
        Either<String, Integer> retained = reclaim.retain();
        if (retained.isLeft()) {
            return Either.left(PortFailure.transientFailure(retained.getLeft()));
        }
        Either<ApiError, ResourceCatalog> catalog = ResourceCatalog.discover(cluster.client());
        if (catalog.isLeft()) {
            return Either.left(PortFailure.transientFailure(TRACKING + "failed to discover the API server's kinds: "
                    + catalog.getLeft()));
        }
        BackupWriter writer = new BackupWriter(root, staging, store.settings().writes());
        List<BackupManifest.Backup> done = new ArrayList<>();
        for (List<VeleroCr> group : groups) {
            Map<String, String> failed = new LinkedHashMap<>();
            for (VeleroCr backup : group) {
                Either<PortFailure, Either<String, Integer>> one = backUpOne(backup, catalog.get(), writer);
                if (one.isLeft()) {
                    return Either.left(one.getLeft());
                }
                if (one.get().isLeft()) {
                    LOG.warn("Backup {} failed: {}", backup.name(), one.get().getLeft());
                    failed.put(backup.name(), one.get().getLeft());
                } else {
                    done.add(new BackupManifest.Backup(backup.name(),
                            ApplyWave.waveOf(backup.annotations()).getOrElse(0L), one.get().get()));
                }
            }
            if (!failed.isEmpty()) {
                return Either.left(PortFailure.terminal("Failed backup CRs: " + String.join(",", failed.keySet())
                        + " (" + String.join("; ", failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .toList()) + ")"));
            }
        }
        byte[] manifest = writer.writeManifest(upgrade, digest, done);
        root.rename(staging, upgrade);
        LOG.info("local backup {} complete: {} Backups, manifest SHA-256 {}", root.resolve(upgrade), done.size(),
                LocalLayout.sha256(manifest));
        return Either.right(new WorkProgress.Done());
    }

    /** Right(Right(objects)) when written, Right(Left(why)) when this Backup failed, Left to retry. */
    private Either<PortFailure, Either<String, Integer>> backUpOne(VeleroCr backup, ResourceCatalog catalog,
                                                                   BackupWriter writer) {
        Either<String, String> name = SafeName.segment("Backup name", backup.name());
        if (name.isLeft()) {
            return Either.right(Either.left(name.getLeft()));
        }
        Either<String, List<ApplyLabelTarget>> targets = ApplyLabelTarget.parse(backup.annotations());
        if (targets.isLeft()) {
            return Either.right(Either.left(targets.getLeft()));
        }
        for (ApplyLabelTarget t : targets.get()) {
            Either<ApiError, Void> labelled = LocalContent.label(cluster, t, backup.name());
            if (labelled.isLeft()) {
                return Either.left(PortFailure.transientFailure(TRACKING + "failed to apply backup labels: failed to"
                        + " apply backup label on object name:" + t.name() + " namespace:" + t.namespace() + " resource:"
                        + t.resource() + " group:" + t.group() + " version:" + t.version() + " err:failed to patch object: "
                        + labelled.getLeft()));
            }
        }
        Either<String, BackupSelection> selection = BackupSelection.of(backup, !targets.get().isEmpty());
        if (selection.isLeft()) {
            return Either.right(Either.left(selection.getLeft()));
        }
        Either<ApiError, List<BackedUpObject>> objects = collector.collect(selection.get(), catalog);
        if (objects.isLeft()) {
            ApiError e = objects.getLeft();
            return LocalContent.retryable(e)
                    ? Either.left(PortFailure.transientFailure(TRACKING + "failed to list objects of Backup " + backup.name() + ": " + e))
                    : Either.right(Either.left("cannot list its objects: " + e));
        }
        for (BackedUpObject o : objects.get()) {
            String problem = o.pathProblem();
            if (problem != null) {
                return Either.right(Either.left(problem));
            }
        }
        try {
            List<byte[]> files = new ArrayList<>();
            long needed = 0;
            for (BackedUpObject o : objects.get()) {
                byte[] yaml = Documents.yaml(o.object());
                files.add(yaml);
                needed += yaml.length;
            }
            String space = store.spaceProblem(needed);
            if (space != null) {
                return Either.right(Either.left(space));
            }
            String dir = LocalLayout.backupDir(backup.name());
            writer.write(LocalLayout.backupCr(backup.name()), Documents.yaml(backup.document()));
            for (int i = 0; i < files.size(); i++) {
                writer.write(dir + "/" + objects.get().get(i).file(), files.get(i));
            }
            LOG.info("Backup {}: {} objects written", backup.name(), files.size());
            return Either.right(Either.right(files.size()));
        } catch (IOException e) {
            return Either.right(Either.left("cannot write to " + store.root() + ": " + e.getMessage()));
        }
    }
}
