package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes Backups through Velero DeleteBackupRequests (which also remove the data in object storage) without
 * blocking: each call looks once, requests what is not requested yet and reports. The start of an attempt is
 * kept on the Backup itself (annotation {@value #REQUESTED_AT}) so the bound survives agent restarts; a failed
 * attempt is reset (annotation and requests removed) so that the next call, e.g. after
 * {@code lca.openshift.io/manual-cleanup-done}, starts a fresh one as upstream does.
 */
public final class BackupDeleter {
    public static final String REQUESTED_AT = "lca.openshift.io/delete-requested-at";
    private static final Logger LOG = LoggerFactory.getLogger(BackupDeleter.class);

    private final OadpCluster cluster;
    private final ClockPort clock;
    private final Duration timeout;

    public BackupDeleter(OadpCluster cluster, ClockPort clock, Duration timeout) {
        this.cluster = cluster;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** One look at the deletion of {@code backups} (those that still exist); requests carry {@code labels}. */
    public DeletionProgress step(List<GenericKubernetesResource> backups, Map<String, String> labels) {
        List<String> waiting = new ArrayList<>();
        for (GenericKubernetesResource backup : backups) {
            Either<ApiError, Optional<String>> failure = stepOne(backup, labels);
            if (failure.isLeft()) {
                return new DeletionProgress.Unreachable(failure.getLeft().message());
            }
            if (failure.get().isPresent()) {
                reset(backups);
                return new DeletionProgress.Failed(failure.get().get());
            }
            waiting.add(backup.getMetadata().getNamespace() + "/" + backup.getMetadata().getName());
        }
        return waiting.isEmpty() ? new DeletionProgress.Done() : new DeletionProgress.Waiting(waiting);
    }

    /** Right(empty) while waiting, Right(reason) when this Backup's deletion failed. */
    private Either<ApiError, Optional<String>> stepOne(GenericKubernetesResource backup, Map<String, String> labels) {
        String ns = backup.getMetadata().getNamespace();
        String name = backup.getMetadata().getName();
        Either<ApiError, Optional<GenericKubernetesResource>> dbr = cluster.get(VeleroKinds.DELETE_BACKUP_REQUEST, ns, name);
        if (dbr.isLeft()) {
            return Either.left(dbr.getLeft());
        }
        Instant requestedAt = requestedAt(backup);
        if (requestedAt == null) {
            return request(backup, dbr.get(), labels).map(v -> Optional.empty());
        }
        Optional<String> errors = dbr.get().flatMap(BackupDeleter::processingErrors);
        if (errors.isPresent()) {
            return Either.right(Optional.of("deleteBackupRequest " + name + " failed with errors: " + errors.get()));
        }
        if (clock.now().isAfter(requestedAt.plus(timeout))) {
            boolean processed = dbr.get().isEmpty() || "Processed".equals(VeleroResources.phase(dbr.get().get()));
            return Either.right(Optional.of(processed
                    ? "all DeleteBackupRequests are processed, but backup " + name + " is not deleted"
                    : "context deadline exceeded"));
        }
        return Either.right(Optional.empty());
    }

    private Either<ApiError, Void> request(GenericKubernetesResource backup, Optional<GenericKubernetesResource> leftover,
                                           Map<String, String> labels) {
        String ns = backup.getMetadata().getNamespace();
        String name = backup.getMetadata().getName();
        // a request left by an earlier attempt would keep its old result: replace it, as upstream does
        Either<ApiError, Void> cleared = leftover.isPresent()
                ? cluster.delete(VeleroKinds.DELETE_BACKUP_REQUEST, ns, name) : Either.right(null);
        return cleared
                .flatMap(v -> cluster.mergePatch(VeleroKinds.BACKUP, ns, name,
                        Json.metadataMergePatch("annotations", REQUESTED_AT, clock.now().toString()), false))
                .flatMap(v -> {
                    GenericKubernetesResource request = new GenericKubernetesResourceBuilder()
                            .withApiVersion(VeleroKinds.apiVersion(VeleroKinds.DELETE_BACKUP_REQUEST))
                            .withKind(VeleroKinds.DELETE_BACKUP_REQUEST.getKind())
                            .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                            .addToAdditionalProperties("spec", Map.of("backupName", name)).build();
                    Either<ApiError, GenericKubernetesResource> created =
                            cluster.create(VeleroKinds.DELETE_BACKUP_REQUEST, request);
                    LOG.info("requested deletion of Backup {}/{}", ns, name);
                    return created.isLeft() && !created.getLeft().alreadyExists()
                            ? Either.left(new ApiError(created.getLeft().code(),
                            "could not apply deleteBackupRequest CR: " + created.getLeft().message()))
                            : Either.right(null);
                });
    }

    /** Forgets a failed attempt so the next call starts afresh; errors are only logged (best effort). */
    private void reset(List<GenericKubernetesResource> backups) {
        for (GenericKubernetesResource b : backups) {
            String ns = b.getMetadata().getNamespace();
            String name = b.getMetadata().getName();
            cluster.delete(VeleroKinds.DELETE_BACKUP_REQUEST, ns, name)
                    .orElseRun(e -> LOG.warn("failed to delete DeleteBackupRequest CR {}: {}", name, e));
            if (requestedAt(b) != null) {
                cluster.jsonPatch(VeleroKinds.BACKUP, ns, name, Json.removeMetadataKey("annotations", REQUESTED_AT))
                        .orElseRun(e -> LOG.warn("could not reset deletion of Backup {}/{}: {}", ns, name, e));
            }
        }
    }

    static Instant requestedAt(GenericKubernetesResource backup) {
        Map<String, String> annotations = backup.getMetadata().getAnnotations();
        String at = annotations == null ? null : annotations.get(REQUESTED_AT);
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Go's {@code %v} of the error slice when Velero processed the request with errors. */
    private static Optional<String> processingErrors(GenericKubernetesResource dbr) {
        Object errors = VeleroResources.status(dbr).get("errors");
        if (!"Processed".equals(VeleroResources.phase(dbr)) || !(errors instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]");
    }
}
