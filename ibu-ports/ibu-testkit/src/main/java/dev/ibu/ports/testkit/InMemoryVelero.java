package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Messages;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;

import java.util.Objects;

/**
 * OADP/Velero: Backup and Restore CRs taken from the {@code oadpContent} ConfigMaps (each YAML document of kind
 * Backup or Restore, apiVersion {@code velero.io/v1}, usually one per key; others are ignored, as upstream does),
 * run wave by wave. A created object has no phase; each {@link #tick()} moves it to {@code InProgress}, then (after
 * {@link #ticksToFinish} ticks in all) to {@code Completed}, or {@code Failed} for names marked with
 * {@link #failBackup}/{@link #failRestore}. A Restore is created only once its Backup is synced (see
 * {@link #syncLate}). {@link #loseS3} makes cleanup fail; {@link #violations()} lists Backups deleted while a
 * Restore from them had not completed.
 */
public final class InMemoryVelero implements BackupPort {
    public static final String VELERO_V1 = "velero.io/v1";
    public static final String S3_LOST = "failed to delete all the backup CRs.";  // the seed document's text

    private final Faults faults;
    private final ConfigMapPort configMaps;
    private final java.util.Map<String, VeleroObject> backups = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, VeleroObject> restores = new java.util.LinkedHashMap<>();
    private Set<String> failingBackups = HashSet.empty();
    private Set<String> failingRestores = HashSet.empty();
    private int ticksToFinish = 2;
    private boolean oadpInstalled = true;
    private boolean s3Lost;
    private int syncDelay;
    private List<String> deleted = List.empty();
    private List<String> violations = List.empty();
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param configMaps where the {@code oadpContent} ConfigMaps are read (not counted as port calls if in-memory) */
    public InMemoryVelero(Faults faults, ConfigMapPort configMaps) {
        this.faults = Objects.requireNonNull(faults);
        this.configMaps = Objects.requireNonNull(configMaps);
    }

    // ---- switches and observation --------------------------------------------------------------------------------

    public synchronized InMemoryVelero ticksToFinish(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a Velero object needs at least one tick to finish");
        }
        ticksToFinish = n;
        return this;
    }

    public synchronized InMemoryVelero failBackup(String name) {
        failingBackups = failingBackups.add(name);
        return this;
    }

    public synchronized InMemoryVelero failRestore(String name) {
        failingRestores = failingRestores.add(name);
        return this;
    }

    public synchronized InMemoryVelero oadpInstalled(boolean installed) {
        oadpInstalled = installed;
        return this;
    }

    /** The object storage is gone: cleanup fails with {@value #S3_LOST} until restored. */
    public synchronized InMemoryVelero loseS3(boolean lost) {
        s3Lost = lost;
        return this;
    }

    /** Velero has not synced the Backups from object storage for the next {@code ticks} ticks. */
    public synchronized InMemoryVelero syncLate(int ticks) {
        syncDelay = ticks;
        return this;
    }

    /**
     * Velero works one step; the {@link #onProgress} listeners are woken (after the step, outside this object's lock,
     * as a watch thread would) when a phase changed or the Backups became synced.
     */
    public void tick() {
        boolean moved;
        synchronized (this) {
            String before = phases();
            int delay = syncDelay;
            backups.values().forEach(b -> b.tick(ticksToFinish));
            restores.values().forEach(r -> r.tick(ticksToFinish));
            syncDelay = Math.max(0, syncDelay - 1);
            moved = !before.equals(phases()) || delay == 1;
        }
        if (moved) {
            listeners.forEach(Runnable::run);
        }
    }

    private String phases() {
        return backupPhases().toString() + restorePhases();
    }

    /** How many listeners are registered (tests of the wiring). */
    public int progressListeners() {
        return listeners.size();
    }

    /** Backup name to phase ({@code ""} before Velero picked it up). */
    public synchronized Map<String, String> backupPhases() {
        return LinkedHashMap.ofAll(backups.values().stream(), b -> b.name, b -> b.phase);
    }

    public synchronized Map<String, String> restorePhases() {
        return LinkedHashMap.ofAll(restores.values().stream(), r -> r.name, r -> r.phase);
    }

    /** The Backups cleanup deleted, {@code namespace/name}. */
    public synchronized List<String> deletedBackups() {
        return deleted;
    }

    /** Backups deleted before a Restore from them completed; empty in a correct run. */
    public synchronized List<String> violations() {
        return violations;
    }

    // ---- BackupPort ----------------------------------------------------------------------------------------------

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
        return faults.guard(Op.BACKUP_VALIDATE, () -> {
            if (!isOadpInstalled()) {
                return Either.left(PortFailure.invalid("failed to check oadp operator availability: Please ensure "
                        + "OADP operator is installed in the openshift-adp"));
            }
            return veleroDocs(oadpContent).flatMap(InMemoryVelero::checkPairing);
        });
    }

    private static Either<PortFailure, ManifestValidation> checkPairing(List<ManifestDoc> docs) {
        List<ManifestDoc> bs = docs.filter(d -> d.isKind("Backup"));
        List<ManifestDoc> rs = docs.filter(d -> d.isKind("Restore"));
        for (ManifestDoc r : rs) {
            String backupName = r.backupName().getOrElse("");
            if (bs.forAll(b -> !b.name().equals(backupName))) {
                return Either.left(PortFailure.invalid("failed to validate oadp configMap: The backup CR "
                        + backupName + " defined in restore CR " + r.name() + " not found in OADP configmaps"));
            }
        }
        if (bs.isEmpty() || rs.isEmpty() || bs.size() != rs.size()) {
            return Either.left(PortFailure.invalid("failed to validate oadp configMap: Both backup and restore CRs "
                    + "should be specified in OADP configmaps and each backup CR should be paired with a "
                    + "corresponding restore CR."));
        }
        return Either.right(ManifestValidation.CLEAN);
    }

    @Override
    public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
        return faults.guard(Op.BACKUP_BACKUP, () -> veleroDocs(oadpContent)
                .flatMap(docs -> Manifests.groupByApplyWave(docs.filter(d -> d.isKind("Backup"))))
                .flatMap(this::trackBackups));
    }

    private synchronized Either<PortFailure, WorkProgress> trackBackups(List<List<ManifestDoc>> groups) {
        for (List<ManifestDoc> group : groups) {
            List<VeleroObject> objects = group.map(d -> backups.computeIfAbsent(key(d), k ->
                    new VeleroObject(namespace(d), d.name(), "", failingBackups.contains(d.name()))));
            Either<PortFailure, WorkProgress> verdict = verdict(objects, List.empty(), "backup",
                    Messages.BACKUP_IN_PROGRESS);
            if (verdict.isLeft() || !(verdict.get() instanceof WorkProgress.Done)) {
                return verdict;
            }
        }
        return Either.right(new WorkProgress.Done());
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
        return faults.guard(Op.BACKUP_EXPORT, () -> veleroDocs(oadpContent)
                .flatMap(docs -> Manifests.groupByApplyWave(docs.filter(d -> d.isKind("Restore"))))
                .mapLeft(f -> prefixed("failed to export restores: ", f))
                .map(groups -> {
                    Map<String, String> files = LinkedHashMap.empty();
                    for (Tuple2<List<ManifestDoc>, Integer> g : groups.zipWithIndex()) {
                        for (Tuple2<ManifestDoc, Integer> r : g._1.zipWithIndex()) {
                            files = files.put((g._2 + 1) + "/" + (r._2 + 1) + "_" + r._1.name() + "_"
                                    + namespace(r._1) + ".yaml", r._1.text());
                        }
                    }
                    return new ExportBundle(files);
                }));
    }

    @Override
    public Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
        return faults.guard(Op.BACKUP_RESTORE, () -> {
            synchronized (this) {
                List<Tuple2<String, String>> files = ExtraManifestRules.inApplyOrder(exported);
                for (List<Tuple2<String, String>> group : files.groupBy(f -> f._1.substring(0,
                        Math.max(0, f._1.indexOf('/')))).values().toList().sortBy(g -> files.indexOf(g.head()))) {
                    Either<PortFailure, WorkProgress> verdict = trackRestores(group.flatMap(f ->
                            Manifests.parse(f._1, f._1, f._2)).filter(d -> d.isKind("Restore")));
                    if (verdict.isLeft() || !(verdict.get() instanceof WorkProgress.Done)) {
                        return verdict;
                    }
                }
                return Either.right(new WorkProgress.Done());
            }
        });
    }

    private Either<PortFailure, WorkProgress> trackRestores(List<ManifestDoc> group) {
        List<VeleroObject> objects = List.empty();
        List<String> missingBackups = List.empty();
        for (ManifestDoc d : group) {
            String backupKey = namespace(d) + "/" + d.backupName().getOrElse("");
            VeleroObject existing = restores.get(key(d));
            if (existing != null) {
                objects = objects.append(existing);
            } else if (syncDelay > 0 || !backups.containsKey(backupKey)) {
                missingBackups = missingBackups.append(d.backupName().getOrElse(""));
            } else {
                VeleroObject created = new VeleroObject(namespace(d), d.name(), backupKey,
                        failingRestores.contains(d.name()));
                restores.put(key(d), created);
                objects = objects.append(created);
            }
        }
        return verdict(objects, missingBackups, "restore", Messages.RESTORE_IN_PROGRESS);
    }

    /** Upstream's per-group decision: all succeeded, else any failed, else any progressing, else waiting. */
    private static Either<PortFailure, WorkProgress> verdict(List<VeleroObject> objects, List<String> missing,
                                                             String what, String inProgress) {
        List<String> failed = objects.filter(VeleroObject::failed).map(o -> o.name);
        if (missing.isEmpty() && objects.forAll(VeleroObject::succeeded)) {
            return Either.right(new WorkProgress.Done());
        }
        if (!failed.isEmpty()) {
            return Either.left(PortFailure.terminal("Failed " + what + " CRs: " + failed.mkString(",")));
        }
        if (objects.exists(VeleroObject::progressing)) {
            return Either.right(new WorkProgress.Progressing(inProgress));
        }
        return Either.right(new WorkProgress.Waiting(missing.isEmpty() ? inProgress
                : inProgress + " (waiting for Velero to sync backups: " + missing.mkString(",") + ")"));
    }

    /** As the OADP adapter: {@code wake} runs after a {@link #tick()} that moved a Backup or Restore on. */
    @Override
    public void onProgress(Runnable wake) {
        listeners.add(Objects.requireNonNull(wake));
    }

    @Override
    public Either<PortFailure, Void> cleanup() {
        return faults.guard(Op.BACKUP_CLEANUP, () -> {
            synchronized (this) {
                if (s3Lost) {
                    return Either.left(PortFailure.terminal(S3_LOST));
                }
                for (VeleroObject b : backups.values()) {
                    restores.values().stream().filter(r -> r.backupName.equals(b.key()) && !r.succeeded())
                            .forEach(r -> violations = violations.append("Backup " + b.key()
                                    + " deleted while Restore " + r.key() + " was " + (r.phase.isEmpty()
                                    ? "pending" : r.phase)));
                    deleted = deleted.append(b.key());
                }
                backups.clear();
                return Either.right(null);
            }
        });
    }

    // ---- reading the ConfigMaps ----------------------------------------------------------------------------------

    private synchronized boolean isOadpInstalled() {
        return oadpInstalled;
    }

    private Either<PortFailure, List<ManifestDoc>> veleroDocs(List<ConfigMapRef> refs) {
        Either<PortFailure, List<ConfigMapData>> read = configMaps instanceof InMemoryCluster
                ? ((InMemoryCluster) configMaps).readNow(refs) : configMaps.read(refs);
        return read.flatMap(cms -> {
            List<ManifestDoc> docs = Manifests.parse(cms);
            return docs.find(d -> d.kind().isEmpty())
                    .<Either<PortFailure, List<ManifestDoc>>>map(d -> Either.left(PortFailure.invalid(
                            "failed to decode file: Object 'Kind' is missing (ConfigMap " + d.source() + ")")))
                    .getOrElse(() -> Either.right(docs.filter(d -> d.apiVersion().contains(VELERO_V1)
                            && (d.isKind("Backup") || d.isKind("Restore")))));
        });
    }

    /** The same kind of failure, its message behind {@code prefix} (as the adapter words it). */
    private static PortFailure prefixed(String prefix, PortFailure f) {
        String m = prefix + f.message();
        if (f instanceof PortFailure.Invalid) {
            return PortFailure.invalid(m);
        }
        if (f instanceof PortFailure.NotFound) {
            return PortFailure.notFound(m);
        }
        if (f instanceof PortFailure.Terminal) {
            return PortFailure.terminal(m);
        }
        return f instanceof PortFailure.Conflict ? PortFailure.conflict(m) : PortFailure.transientFailure(m);
    }

    private static String namespace(ManifestDoc d) {
        return d.namespace().isEmpty() ? "openshift-adp" : d.namespace();
    }

    private static String key(ManifestDoc d) {
        return namespace(d) + "/" + d.name();
    }
}
