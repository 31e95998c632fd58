package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prep validation of {@code oadpContent} in upstream's order and words (oadp-and-manifests.md §1.6): OADP installed,
 * exactly one DataProtectionApplication, ConfigMaps readable, each Backup and Restore admitted by a dry-run, every
 * {@code backupName} matching a Backup, counts equal. Then, beyond upstream, apply-wave values (upstream only finds a
 * bad wave at Upgrade and retries it for ever). Stale backups and the preflight warnings follow in the adapter.
 */
final class OadpValidator {
    static final String OPERATOR = "failed to check oadp operator availability: ";
    static final String CONFIGMAP = "failed to validate oadp configMap: ";

    private final OadpCluster cluster;
    private final OadpContentReader reader;

    OadpValidator(OadpCluster cluster) {
        this.cluster = cluster;
        this.reader = new OadpContentReader(cluster);
    }

    /** The content when valid; API errors are Transient, everything a user must fix is Invalid or NotFound. */
    Either<PortFailure, List<VeleroCr>> validate(List<ConfigMapRef> refs) {
        if (!cluster.oadpInstalled()) {
            return Either.left(PortFailure.invalid(OPERATOR + "Please ensure OADP operator is installed in the "
                    + OadpNames.OADP_NAMESPACE));
        }
        Either<ApiError, List<GenericKubernetesResource>> dpas =
                cluster.list(VeleroKinds.DPA, OadpNames.OADP_NAMESPACE, Map.of());
        if (dpas.isLeft()) {
            return Either.left(PortFailure.transientFailure(CONFIGMAP + "failed to list dpa: " + dpas.getLeft()));
        }
        if (dpas.get().isEmpty()) {
            return Either.left(PortFailure.invalid(CONFIGMAP + "No DataProtectionApplication CR found in the "
                    + OadpNames.OADP_NAMESPACE));
        }
        if (dpas.get().size() > 1) {
            return Either.left(PortFailure.invalid(CONFIGMAP + "Only one DataProtectionApplication CR is allowed in the "
                    + OadpNames.OADP_NAMESPACE + ","));
        }
        return read(refs).flatMap(content -> checkBackups(content)
                .flatMap(v -> checkRestores(content))
                .flatMap(v -> checkPairing(content))
                .flatMap(v -> checkWaves(content))
                .map(v -> content));
    }

    private Either<PortFailure, List<VeleroCr>> read(List<ConfigMapRef> refs) {
        return reader.read(refs).mapLeft(p -> {
            if (p instanceof OadpContentReader.Problem.Missing m) {
                return PortFailure.notFound(CONFIGMAP + OadpContentReader.missingText(m));
            }
            if (p instanceof OadpContentReader.Problem.Unreadable u) {
                return PortFailure.transientFailure(CONFIGMAP + "failed to oadp configMaps: " + u.error());
            }
            return PortFailure.invalid(CONFIGMAP + ((OadpContentReader.Problem.Undecodable) p).message());
        });
    }

    private Either<PortFailure, Void> checkBackups(List<VeleroCr> content) {
        for (VeleroCr b : OadpContentReader.backups(content)) {
            Either<PortFailure, Void> admitted = dryRun(VeleroKinds.BACKUP, b, "backup", "Backup", "backup");
            if (admitted.isLeft()) {
                return admitted;
            }
            Either<String, List<ApplyLabelTarget>> targets = ApplyLabelTarget.parse(b.annotations());
            if (targets.isLeft()) {
                return Either.left(PortFailure.invalid(CONFIGMAP + targets.getLeft()));
            }
            for (ApplyLabelTarget t : targets.get()) {
                Either<ApiError, Void> patched = ApplyLabels.label(cluster, t, b.name(), true);
                if (patched.isLeft()) {
                    return Either.left(PortFailure.invalid(CONFIGMAP + "failed apply backup label to objects included in"
                            + " apply-backup annotation: failed to patch object: " + patched.getLeft()
                            + " (the object " + describe(t) + " named in " + OadpNames.APPLY_LABEL + " of Backup "
                            + b.name() + " must exist)"));
                }
            }
        }
        return Either.right(null);
    }

    private Either<PortFailure, Void> checkRestores(List<VeleroCr> content) {
        Set<String> backupNames = OadpContentReader.backups(content).stream().map(VeleroCr::name)
                .collect(Collectors.toSet());
        for (VeleroCr r : OadpContentReader.restores(content)) {
            Either<PortFailure, Void> admitted = dryRun(VeleroKinds.RESTORE, r, "Restore", "Restore", "Restore");
            if (admitted.isLeft()) {
                return admitted;
            }
            if (!backupNames.contains(r.backupName())) {
                return Either.left(PortFailure.invalid(CONFIGMAP + "The backup CR " + r.backupName()
                        + " defined in restore CR " + r.name() + " not found in OADP configmaps"));
            }
        }
        return Either.right(null);
    }

    private static Either<PortFailure, Void> checkPairing(List<VeleroCr> content) {
        int backups = OadpContentReader.backups(content).size();
        int restores = OadpContentReader.restores(content).size();
        if (backups == 0 || restores == 0 || backups != restores) {
            return Either.left(PortFailure.invalid(CONFIGMAP + "Both backup and restore CRs should be specified in OADP"
                    + " configmaps and each backup CR should be paired with a corresponding restore CR."));
        }
        return Either.right(null);
    }

    private static Either<PortFailure, Void> checkWaves(List<VeleroCr> content) {
        for (VeleroCr cr : content) {
            Either<String, Long> wave = ApplyWave.waveOf(cr.annotations());
            if (wave.isLeft()) {
                return Either.left(PortFailure.invalid(CONFIGMAP + wave.getLeft() + " (annotation "
                        + OadpNames.APPLY_WAVE + " of " + cr.kind() + " " + cr.ref() + " must be an integer)"));
            }
        }
        return Either.right(null);
    }

    /** Upstream words the Backup and Restore messages differently ("Invalid backup", "Invalid Restore"). */
    private Either<PortFailure, Void> dryRun(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
                                             VeleroCr cr, String invalidWord, String updateWord, String dryRunWord) {
        if (cr.namespace().isEmpty()) {
            return Either.left(PortFailure.invalid(CONFIGMAP + "Invalid " + invalidWord + " " + cr.name()
                    + " detected in configmap, error: metadata.namespace is empty (set it to " + OadpNames.OADP_NAMESPACE
                    + "). Please update the invalid " + updateWord + " in configmap."));
        }
        Either<ApiError, GenericKubernetesResource> r = cluster.dryRunCreate(kind, VeleroResources.toResource(cr));
        if (r.isRight() || r.getLeft().alreadyExists()) {
            return Either.right(null);
        }
        if (r.getLeft().invalid()) {
            return Either.left(PortFailure.invalid(CONFIGMAP + "Invalid " + invalidWord + " " + cr.name()
                    + " detected in configmap, error: " + r.getLeft() + ". Please update the invalid " + updateWord
                    + " in configmap."));
        }
        return Either.left(PortFailure.transientFailure(CONFIGMAP + "failed to create " + dryRunWord
                + " with dry run: " + r.getLeft()));
    }

    private static String describe(ApplyLabelTarget t) {
        return t.resource() + " " + (t.namespaced() ? t.namespace() + "/" : "") + t.name();
    }
}
