package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream's {@code HandleBackup}, one look per call: Backups from the ConfigMaps grouped by apply wave; a wave
 * starts only when the previous one completed; any Failed, PartiallyFailed or FailedValidation Backup fails the
 * upgrade with the names of the failing Backups.
 */
final class BackupRunner {
    static final String IN_PROGRESS = "Backup of Application Data is in progress";
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final OadpCluster cluster;
    private final VeleroLookup lookup;
    private final OadpContentReader reader;
    private final StaleBackups stale;
    private final LvmsReclaimPolicy reclaim;

    BackupRunner(OadpCluster cluster, VeleroLookup lookup, StaleBackups stale, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.lookup = lookup;
        this.reader = new OadpContentReader(cluster);
        this.stale = stale;
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> run(List<ConfigMapRef> refs, String clusterId) {
        return lookup.inPass(() -> pass(refs, clusterId));
    }

    private Either<PortFailure, WorkProgress> pass(List<ConfigMapRef> refs, String clusterId) {
        Either<PortFailure, List<List<VeleroCr>>> groups = sortedBackups(refs);
        if (groups.isLeft() || groups.get().isEmpty()) {
            return groups.map(g -> new WorkProgress.Done());
        }
        Optional<String> storage = BackupStorage.unavailable(cluster);
        if (storage.isPresent()) {
            LOG.warn("backups wait: {}", storage.get());
            return Either.right(new WorkProgress.Waiting(storage.get()));
        }
        Either<String, Integer> retained = reclaim.retain();
        if (retained.isLeft()) {
            return Either.left(PortFailure.transientFailure(retained.getLeft()));
        }
        for (List<VeleroCr> group : groups.get()) {
            Either<PortFailure, Optional<WorkProgress>> staleWait = stale.clean(group, clusterId,
                    "failed to cleanup stale Backups: ", PortFailure::transientFailure);
            if (staleWait.isLeft() || staleWait.get().isPresent()) {
                return staleWait.map(Optional::get);
            }
            Either<PortFailure, WaveTally> tally = startOrTrack(group, clusterId);
            if (tally.isLeft()) {
                return Either.left(tally.getLeft());
            }
            WaveTally t = tally.get();
            if (t.allSucceeded(group.size())) {
                continue;
            }
            if (!t.failed.isEmpty()) {
                return Either.left(PortFailure.terminal("Failed backup CRs: " + String.join(",", t.failed)));
            }
            return Either.right(t.progressing.isEmpty()
                    ? new WorkProgress.Waiting(IN_PROGRESS) : new WorkProgress.Progressing(IN_PROGRESS));
        }
        LOG.info("All backups succeeded");
        return Either.right(new WorkProgress.Done());
    }

    private Either<PortFailure, List<List<VeleroCr>>> sortedBackups(List<ConfigMapRef> refs) {
        String wrap = "error while getting sorted backups from configmap: ";
        Either<OadpContentReader.Problem, List<VeleroCr>> content = reader.read(refs);
        if (content.isLeft()) {
            OadpContentReader.Problem p = content.getLeft();
            if (p instanceof OadpContentReader.Problem.Missing m) {
                return Either.left(PortFailure.notFound(wrap + OadpContentReader.missingText(m)));
            }
            if (p instanceof OadpContentReader.Problem.Unreadable u) {
                return Either.left(PortFailure.transientFailure(wrap + "failed to get oadp configMaps : " + u.error()));
            }
            return Either.left(PortFailure.invalid(wrap + ((OadpContentReader.Problem.Undecodable) p).message()));
        }
        return ApplyWave.group(OadpContentReader.backups(content.get()), VeleroCr::name, VeleroCr::annotations)
                .mapLeft(e -> PortFailure.invalid(wrap + e));
    }

    private Either<PortFailure, WaveTally> startOrTrack(List<VeleroCr> group, String clusterId) {
        WaveTally tally = new WaveTally();
        for (VeleroCr backup : group) {
            Either<ApiError, Optional<GenericKubernetesResource>> live =
                    lookup.find(VeleroKinds.BACKUP, backup.namespace(), backup.name());
            if (live.isRight() && live.get().isPresent() && !ours(live.get().get(), clusterId)) {
                // the watch may be behind (a stale Backup just deleted): decide on the API server's answer
                live = lookup.fresh(VeleroKinds.BACKUP, backup.namespace(), backup.name());
            }
            if (live.isLeft()) {
                return Either.left(tracking("failed to get backup : " + live.getLeft()));
            }
            Optional<GenericKubernetesResource> valid = live.get().filter(b -> ours(b, clusterId));
            if (valid.isEmpty()) {
                Either<PortFailure, Void> created = create(backup, clusterId);
                if (created.isLeft()) {
                    return Either.left(created.getLeft());
                }
                tally.add(backup.name(), PhaseBucket.PROGRESSING);
            } else {
                tally.add(backup.name(), PhaseBucket.of(VeleroResources.phase(valid.get())));
            }
        }
        return Either.right(tally);
    }

    private static boolean ours(GenericKubernetesResource backup, String clusterId) {
        return clusterId.equals(VeleroResources.label(backup, OadpNames.CLUSTER_ID_LABEL));
    }

    /** Labels the apply-label objects, narrows the selector to them, labels the Backup with the cluster ID. */
    private Either<PortFailure, Void> create(VeleroCr backup, String clusterId) {
        Either<String, List<ApplyLabelTarget>> targets = ApplyLabelTarget.parse(backup.annotations());
        if (targets.isLeft()) {
            return Either.left(PortFailure.invalid(tracking(targets.getLeft()).message()));
        }
        for (ApplyLabelTarget t : targets.get()) {
            Either<ApiError, Void> labelled = ApplyLabels.label(cluster, t, backup.name(), false);
            if (labelled.isLeft()) {
                return Either.left(tracking("failed to apply backup labels: failed to apply backup label on object name:"
                        + t.name() + " namespace:" + t.namespace() + " resource:" + t.resource() + " group:" + t.group()
                        + " version:" + t.version() + " err:failed to patch object: " + labelled.getLeft()));
            }
        }
        GenericKubernetesResource r = VeleroResources.toResource(backup);
        r.getMetadata().setLabels(withEntry(r.getMetadata().getLabels(), OadpNames.CLUSTER_ID_LABEL, clusterId));
        if (!targets.get().isEmpty()) {
            addSelector(r, backup.name());
        }
        Either<ApiError, GenericKubernetesResource> created = cluster.create(VeleroKinds.BACKUP, r);
        if (created.isLeft()) {
            return Either.left(tracking("failed to create backup: " + created.getLeft()));
        }
        LOG.info("created Backup {}", backup.ref());
        return Either.right(null);
    }

    @SuppressWarnings("unchecked")
    private static void addSelector(GenericKubernetesResource r, String backupName) {
        Map<String, Object> spec = new LinkedHashMap<>(VeleroCr.map(r.getAdditionalProperties().get("spec")));
        Map<String, Object> selector = new LinkedHashMap<>(VeleroCr.map(spec.get("labelSelector")));
        Map<String, Object> match = new LinkedHashMap<>(VeleroCr.map(selector.get("matchLabels")));
        match.put(OadpNames.BACKUP_LABEL, backupName);
        selector.put("matchLabels", match);
        spec.put("labelSelector", selector);
        r.getAdditionalProperties().put("spec", spec);
    }

    static Map<String, String> withEntry(Map<String, String> map, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(map == null ? Map.of() : map);
        out.put(key, value);
        return out;
    }

    private static PortFailure tracking(String message) {
        return PortFailure.transientFailure("error while starting or tracking backup: " + message);
    }
}
