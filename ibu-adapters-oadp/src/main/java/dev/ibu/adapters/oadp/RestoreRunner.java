package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Upstream's {@code HandleRestore}, one look per call: exported Restores wave by wave; a Restore is created only
 * once Velero has synced its Backup (same name, this cluster's ID) from object storage; any failed Restore ends the
 * upgrade ({@code Failed restore CRs: a,b}), which the engine turns into an auto-rollback.
 */
final class RestoreRunner {
    static final String IN_PROGRESS = "Restore of Application Data is in progress";
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunner.class);

    private final OadpCluster cluster;
    private final VeleroLookup lookup;
    private final OadpConfiguration configuration;
    private final LvmsReclaimPolicy reclaim;

    RestoreRunner(OadpCluster cluster, VeleroLookup lookup, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.lookup = lookup;
        this.configuration = new OadpConfiguration(cluster);
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> run(ExportBundle bundle, String clusterId) {
        return lookup.inPass(() -> pass(bundle, clusterId));
    }

    private Either<PortFailure, WorkProgress> pass(ExportBundle bundle, String clusterId) {
        ExportedOadp exported = ExportedOadp.of(bundle);
        Either<PortFailure, Optional<String>> ready = configuration.ensure(exported);
        if (ready.isLeft() || ready.get().isPresent()) {
            return ready.map(reason -> new WorkProgress.Waiting(reason.get()));
        }
        if (exported.restoreCount() == 0) {
            LOG.info("No restore requests, skipping");
            return Either.right(new WorkProgress.Done());
        }
        for (List<String> group : exported.restoreGroups()) {
            Either<PortFailure, WaveTally> tally = startOrTrack(group, clusterId);
            if (tally.isLeft()) {
                return Either.left(tally.getLeft());
            }
            WaveTally t = tally.get();
            if (t.allSucceeded(group.size())) {
                continue;
            }
            if (!t.failed.isEmpty()) {
                return Either.left(PortFailure.terminal("Failed restore CRs: " + String.join(",", t.failed)));
            }
            if (!t.missingBackups.isEmpty()) {
                LOG.info("waiting for Velero to sync Backups {}", t.missingBackups);
            }
            return Either.right(t.progressing.isEmpty()
                    ? new WorkProgress.Waiting(IN_PROGRESS) : new WorkProgress.Progressing(IN_PROGRESS));
        }
        Either<String, Integer> restored = reclaim.restore();
        if (restored.isLeft()) {
            return Either.left(PortFailure.transientFailure(restored.getLeft()));
        }
        LOG.info("All restores succeeded");
        return Either.right(new WorkProgress.Done());
    }

    private Either<PortFailure, WaveTally> startOrTrack(List<String> group, String clusterId) {
        WaveTally tally = new WaveTally();
        for (String yaml : group) {
            GenericKubernetesResource wanted = VeleroResources.fromYaml(yaml);
            String ns = wanted.getMetadata().getNamespace();
            String name = wanted.getMetadata().getName();
            Either<ApiError, Optional<GenericKubernetesResource>> live = lookup.find(VeleroKinds.RESTORE, ns, name);
            if (live.isLeft()) {
                return Either.left(PortFailure.transientFailure("failed to get restore: " + live.getLeft()));
            }
            if (live.get().isPresent()) {
                tally.add(name, PhaseBucket.of(VeleroResources.phase(live.get().get())));
                continue;
            }
            String backupName = String.valueOf(VeleroCr.map(wanted.getAdditionalProperties().get("spec")).get("backupName"));
            Either<ApiError, Optional<GenericKubernetesResource>> backup = lookup.find(VeleroKinds.BACKUP, ns, backupName);
            if (backup.isRight() && backup.get().isPresent() && !ours(backup.get().get(), clusterId)) {
                backup = lookup.fresh(VeleroKinds.BACKUP, ns, backupName);  // the watch may be behind
            }
            if (backup.isLeft()) {
                return Either.left(PortFailure.transientFailure("failed to get backup: " + backup.getLeft()));
            }
            boolean synced = backup.get().filter(b -> ours(b, clusterId)).isPresent();
            if (!synced) {
                tally.missingBackups.add(backupName);
                continue;
            }
            Either<ApiError, GenericKubernetesResource> created = cluster.create(VeleroKinds.RESTORE, wanted);
            if (created.isLeft() && !created.getLeft().alreadyExists()) {
                return Either.left(PortFailure.transientFailure("failed to create restore: " + created.getLeft()));
            }
            LOG.info("created Restore {}/{}", ns, name);
            tally.add(name, PhaseBucket.PROGRESSING);
        }
        return Either.right(tally);
    }

    private static boolean ours(GenericKubernetesResource backup, String clusterId) {
        return clusterId.equals(VeleroResources.label(backup, OadpNames.CLUSTER_ID_LABEL));
    }
}
