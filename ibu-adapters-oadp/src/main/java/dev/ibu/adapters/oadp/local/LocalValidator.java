package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.ApplyLabelTarget;
import dev.ibu.adapters.oadp.ApplyWave;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.OadpContentReader;
import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prep validation for the local backup: the same ConfigMap rules and messages as the OADP path where they apply
 * (Restores name an existing Backup, counts pair up, waves are integers, apply-label objects exist), without the
 * OADP operator, DPA or dry-runs; plus what the local backup needs: names usable as file names, filters it can
 * interpret, and room on the shared partition for what the Backups select today. Volume data requests are warnings.
 */
final class LocalValidator {
    static final String CONFIGMAP = "failed to validate oadp configMap: ";
    static final String LOCAL = "failed to validate the local backup: ";

    private final OadpCluster cluster;
    private final LocalStore store;
    private final LocalContent content;
    private final ObjectCollector collector;

    LocalValidator(OadpCluster cluster, LocalStore store) {
        this.cluster = cluster;
        this.store = store;
        this.content = new LocalContent(cluster);
        this.collector = new ObjectCollector(cluster.client());
    }

    /** The warnings when valid; Invalid/NotFound for what the admin must fix, Transient for API hiccups. */
    Either<PortFailure, List<String>> validate(List<ConfigMapRef> refs) {
        java.nio.file.Path partition = store.root().toAbsolutePath().getParent();
        if (partition == null || !java.nio.file.Files.isDirectory(partition)) {
            return Either.left(PortFailure.invalid(LOCAL + "the shared container partition " + partition + " does not"
                    + " exist on this node; back up with OADP instead (annotation " + BackupMethod.ANNOTATION + ": oadp)"));
        }
        Either<PortFailure, List<VeleroCr>> read = content.read(refs, CONFIGMAP);
        if (read.isLeft()) {
            return Either.left(read.getLeft());
        }
        List<VeleroCr> all = read.get();
        List<String> warnings = new ArrayList<>();
        Either<PortFailure, List<BackupSelection>> selections = checkBackups(all, warnings);
        if (selections.isLeft()) {
            return Either.left(selections.getLeft());
        }
        Either<PortFailure, Void> restores = checkRestores(all, warnings);
        if (restores.isLeft()) {
            return Either.left(restores.getLeft());
        }
        return checkSpace(selections.get(), warnings).map(v -> List.copyOf(warnings));
    }

    private Either<PortFailure, List<BackupSelection>> checkBackups(List<VeleroCr> all, List<String> warnings) {
        List<BackupSelection> selections = new ArrayList<>();
        for (VeleroCr b : OadpContentReader.backups(all)) {
            Either<String, String> name = SafeName.segment("name of Backup " + b.ref(), b.name());
            if (name.isLeft()) {
                return invalid(name.getLeft() + ": rename the Backup in its ConfigMap");
            }
            Either<String, BackupSelection> selection = BackupSelection.of(b, false);
            if (selection.isLeft()) {
                return invalid(selection.getLeft());
            }
            selections.add(selection.get());
            Either<String, List<ApplyLabelTarget>> targets = ApplyLabelTarget.parse(b.annotations());
            if (targets.isLeft()) {
                return invalid(targets.getLeft());
            }
            if (!targets.get().isEmpty() && b.name().length() > 63) {
                return invalid("Backup " + b.name() + " is longer than 63 characters and cannot be the value of label "
                        + OadpNames.BACKUP_LABEL + " that " + OadpNames.APPLY_LABEL + " puts on objects: shorten it");
            }
            for (ApplyLabelTarget t : targets.get()) {
                Either<ApiError, Boolean> exists = LocalContent.exists(cluster, t);
                if (exists.isLeft() && LocalContent.retryable(exists.getLeft())) {
                    return Either.left(PortFailure.transientFailure(CONFIGMAP + "failed to get object " + t.name()
                            + " named in " + OadpNames.APPLY_LABEL + " of Backup " + b.name() + ": " + exists.getLeft()));
                }
                if (exists.isLeft() || !exists.get()) {
                    return invalid("failed apply backup label to objects included in apply-backup annotation: the object "
                            + t.apiVersion() + " " + t.resource() + " " + (t.namespaced() ? t.namespace() + "/" : "")
                            + t.name() + " named in " + OadpNames.APPLY_LABEL + " of Backup " + b.name() + " must exist"
                            + exists.fold(e -> " (" + e + ")", x -> ""));
                }
            }
            warnings.addAll(volumeWarnings(b));
        }
        return Either.right(selections);
    }

    private Either<PortFailure, Void> checkRestores(List<VeleroCr> all, List<String> warnings) {
        Set<String> backupNames = OadpContentReader.backups(all).stream().map(VeleroCr::name).collect(Collectors.toSet());
        for (VeleroCr r : OadpContentReader.restores(all)) {
            Either<String, String> name = SafeName.segment("name of Restore " + r.ref(), r.name());
            if (name.isLeft()) {
                return invalid(name.getLeft() + ": rename the Restore in its ConfigMap");
            }
            if (!backupNames.contains(r.backupName())) {
                return invalid("The backup CR " + r.backupName() + " defined in restore CR " + r.name()
                        + " not found in OADP configmaps");
            }
            if ("update".equals(String.valueOf(r.spec().get("existingResourcePolicy")))) {
                warnings.add("Restore " + r.ref() + " asks for existingResourcePolicy: update; the local restore leaves"
                        + " existing objects as they are (Velero's default)");
            }
        }
        int backups = OadpContentReader.backups(all).size();
        int restores = OadpContentReader.restores(all).size();
        if (backups == 0 || restores == 0 || backups != restores) {
            return invalid("Both backup and restore CRs should be specified in OADP configmaps and each backup CR should"
                    + " be paired with a corresponding restore CR.");
        }
        for (VeleroCr cr : all) {
            Either<String, Long> wave = ApplyWave.waveOf(cr.annotations());
            if (wave.isLeft()) {
                return invalid(wave.getLeft() + " (annotation " + OadpNames.APPLY_WAVE + " of " + cr.kind() + " "
                        + cr.ref() + " must be an integer)");
            }
        }
        return Either.right(null);
    }

    /** What the Backups select today (a superset when apply-label narrows them later) must fit beside the reserve. */
    private Either<PortFailure, Void> checkSpace(List<BackupSelection> selections, List<String> warnings) {
        Either<ApiError, ResourceCatalog> catalog = ResourceCatalog.discover(cluster.client());
        if (catalog.isLeft()) {
            return Either.left(PortFailure.transientFailure(LOCAL + "failed to discover the API server's kinds: "
                    + catalog.getLeft()));
        }
        long needed = 64 * 1024;
        for (BackupSelection s : selections) {
            for (String entry : s.resourceEntries()) {
                if (!entry.equals("*") && catalog.get().find(entry).isEmpty()) {
                    warnings.add("Backup " + s.backupName() + " names resource \"" + entry + "\" that the API server"
                            + " does not serve; it is skipped");
                }
            }
            Either<ApiError, List<BackedUpObject>> objects = collector.collect(s, catalog.get());
            if (objects.isLeft()) {
                return Either.left(PortFailure.transientFailure(LOCAL + "failed to list what Backup " + s.backupName()
                        + " selects: " + objects.getLeft()));
            }
            for (BackedUpObject o : objects.get()) {
                needed += Documents.yaml(o.object()).length + 256L;
            }
        }
        try {
            String problem = store.spaceProblem(needed + needed / 10);
            return problem == null ? Either.right(null) : Either.left(PortFailure.invalid(LOCAL + problem));
        } catch (IOException e) {
            return Either.left(PortFailure.invalid(LOCAL + "cannot tell the free space of " + store.root().getParent()
                    + ": " + e.getMessage()));
        }
    }

    static List<String> volumeWarnings(VeleroCr b) {
        List<String> fields = new ArrayList<>();
        for (String f : List.of("snapshotVolumes", "defaultVolumesToFsBackup", "defaultVolumesToRestic", "snapshotMoveData")) {
            if (Boolean.TRUE.equals(b.spec().get(f))) {
                fields.add("spec." + f);
            }
        }
        if (!b.specStrings("volumeSnapshotLocations").isEmpty()) {
            fields.add("spec.volumeSnapshotLocations");
        }
        if (fields.isEmpty()) {
            return List.of();
        }
        return List.of("Backup " + b.ref() + " asks for volume data (" + String.join(", ", fields) + "): the local"
                + " backup keeps Kubernetes objects only; persistent volume contents stay on their volumes (volumes"
                + " with reclaim policy Retain, such as LVM Storage's, keep their data across the upgrade)");
    }

    private static <T> Either<PortFailure, T> invalid(String message) {
        return Either.left(PortFailure.invalid(CONFIGMAP + message));
    }
}
