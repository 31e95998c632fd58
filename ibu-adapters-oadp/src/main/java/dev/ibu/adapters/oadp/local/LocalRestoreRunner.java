package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.LvmsReclaimPolicy;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.ports.out.ExportBundle;
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
import java.util.Optional;

/**
 * After the pivot: verifies the whole backup directory against its manifest (and the manifest against the SHA-256
 * carried in the bundle) before creating anything, then restores the exported Restores wave by wave. Each call walks
 * the waves from the first; objects that exist are left alone (Velero's default existing-resource policy), so a
 * restarted agent carries on where it was. A wave that created something ends the call with Progressing, so the
 * next wave starts after the API server and controllers had a moment. Objects the API server refuses fail the
 * upgrade: {@code Failed restore CRs: r (Kind ns/name: why)}.
 */
final class LocalRestoreRunner {
    static final String IN_PROGRESS = "Restore of Application Data is in progress";
    private static final Logger LOG = LoggerFactory.getLogger(LocalRestoreRunner.class);

    private final OadpCluster cluster;
    private final LocalStore store;
    private final LvmsReclaimPolicy reclaim;

    LocalRestoreRunner(OadpCluster cluster, LocalStore store, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.store = store;
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> run(ExportBundle bundle) {
        Either<String, Optional<LocalBundle>> parsed = LocalBundle.of(bundle);
        if (parsed.isLeft()) {
            return Either.left(PortFailure.terminal(parsed.getLeft()));
        }
        if (parsed.get().isEmpty()) {
            LOG.info("No restore requests, skipping");
            return Either.right(new WorkProgress.Done());
        }
        LocalBundle local = parsed.get().get();
        if (!store.exists()) {
            return Either.left(PortFailure.terminal(damaged("the backup directory " + store.root().resolve(local.upgrade())
                    + " is missing")));
        }
        try {
            ContainedDir root = store.open();
            Either<String, BackupManifest> verified = ManifestCheck.verify(root, local.upgrade(),
                    Optional.of(local.manifestSha256()));
            if (verified.isLeft()) {
                return Either.left(PortFailure.terminal(damaged(verified.getLeft())));
            }
            Either<PortFailure, WorkProgress> waves = restoreWaves(root, local, verified.get());
            if (waves.isLeft() || !(waves.get() instanceof WorkProgress.Done)) {
                return waves;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("local restore from {} failed: {}", store.root(), e.toString());
            return Either.left(PortFailure.terminal(damaged("cannot read it: " + e.getMessage())));
        }
        Either<String, Integer> restored = reclaim.restore();
        if (restored.isLeft()) {
            return Either.left(PortFailure.transientFailure(restored.getLeft()));
        }
        LOG.info("All restores succeeded");
        return Either.right(new WorkProgress.Done());
    }

    private String damaged(String problem) {
        return "Failed restore CRs: the local backup under " + store.root() + " cannot be used, nothing was restored: "
                + problem + " (it was changed after the backup; roll back with the original stateroot and take the"
                + " backup again)";
    }

    private Either<PortFailure, WorkProgress> restoreWaves(ContainedDir root, LocalBundle local, BackupManifest manifest)
            throws IOException {
        List<List<VeleroCr>> groups = local.restoreGroups();
        for (int g = 0; g < groups.size(); g++) {
            WaveResult wave = new WaveResult();
            for (VeleroCr restore : groups.get(g)) {
                if (manifest.backups().stream().noneMatch(b -> b.name().equals(restore.backupName()))) {
                    return Either.left(PortFailure.terminal("Failed restore CRs: " + restore.name() + " (its Backup "
                            + restore.backupName() + " is not in the local backup " + local.upgrade() + ")"));
                }
                List<BackedUpObject> objects = StoredObjects.of(root, local.upgrade(), manifest, restore.backupName());
                Either<PortFailure, Void> applied = new RestoreApplier(cluster, restore, objects).applyTo(wave);
                if (applied.isLeft()) {
                    return Either.left(applied.getLeft());
                }
            }
            if (!wave.failed.isEmpty()) {
                return Either.left(PortFailure.terminal("Failed restore CRs: " + String.join(",", wave.failed.keySet())
                        + " (" + String.join("; ", wave.failed.values()) + ")"));
            }
            if (!wave.waitingFor.isEmpty()) {
                LOG.info("restore wave {} waits for the API server to serve {}", g + 1, wave.waitingFor);
                return Either.right(new WorkProgress.Waiting(IN_PROGRESS));
            }
            if (wave.created > 0 && g < groups.size() - 1) {
                LOG.info("restore wave {} created {} objects; the next wave follows", g + 1, wave.created);
                return Either.right(new WorkProgress.Progressing(IN_PROGRESS));
            }
        }
        return Either.right(new WorkProgress.Done());
    }

    /** What one wave did. */
    static final class WaveResult {
        int created;
        final Map<String, String> failed = new LinkedHashMap<>();
        final List<String> waitingFor = new ArrayList<>();

        void fail(String restore, String why) {
            failed.merge(restore, why, (a, b) -> a + "; " + b);
        }
    }
}
