package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.ApplyLabelTarget;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.OadpContentReader;
import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The {@code oadpContent} as the local backup reads it (same ConfigMaps, same words as the OADP path). */
final class LocalContent {
    private final OadpContentReader reader;

    LocalContent(OadpCluster cluster) {
        this.reader = new OadpContentReader(cluster);
    }

    Either<PortFailure, List<VeleroCr>> read(List<ConfigMapRef> refs, String prefix) {
        return reader.read(refs).mapLeft(p -> {
            if (p instanceof OadpContentReader.Problem.Missing m) {
                return PortFailure.notFound(prefix + OadpContentReader.missingText(m));
            }
            if (p instanceof OadpContentReader.Problem.Unreadable u) {
                return PortFailure.transientFailure(prefix + "failed to get oadp configMaps : " + u.error());
            }
            return PortFailure.invalid(prefix + ((OadpContentReader.Problem.Undecodable) p).message());
        });
    }

    /** SHA-256 of the Backup documents in name order: which specs a backup directory was taken for. */
    static String digest(List<VeleroCr> backups) {
        List<Map<String, Object>> docs = backups.stream().sorted(Comparator.comparing(VeleroCr::name))
                .map(VeleroCr::document).toList();
        return LocalLayout.sha256(Documents.jsonString(docs).getBytes(StandardCharsets.UTF_8));
    }

    /** Labels an apply-label object {@code lca.openshift.io/backup=<backup>} (a JSON merge patch, as upstream). */
    static Either<ApiError, Void> label(OadpCluster cluster, ApplyLabelTarget t, String backupName) {
        java.util.Map<String, Object> labels = new java.util.HashMap<>();
        labels.put(OadpNames.BACKUP_LABEL, backupName);
        return cluster.mergePatch(context(t), t.namespace(), t.name(),
                Documents.jsonString(Map.of("metadata", Map.of("labels", labels))), false);
    }

    /** Removes that label; already absent or the object gone is fine. */
    static Either<ApiError, Void> unlabel(OadpCluster cluster, ApplyLabelTarget t) {
        String path = "/metadata/labels/" + OadpNames.BACKUP_LABEL.replace("~", "~0").replace("/", "~1");
        Either<ApiError, Void> r = cluster.jsonPatch(context(t), t.namespace(), t.name(),
                Documents.jsonString(List.of(Map.of("op", "remove", "path", path))));
        return r.isLeft() && (r.getLeft().notFound() || r.getLeft().invalid()) ? Either.right(null) : r;
    }

    static Either<ApiError, Boolean> exists(OadpCluster cluster, ApplyLabelTarget t) {
        return cluster.get(context(t), t.namespace(), t.name()).map(java.util.Optional::isPresent);
    }

    static ResourceDefinitionContext context(ApplyLabelTarget t) {
        return new ResourceDefinitionContext.Builder().withGroup(t.group()).withVersion(t.version())
                .withPlural(t.resource()).withNamespaced(t.namespaced()).build();
    }

    /** API errors worth retrying: no answer, throttled, timeouts, server errors. */
    static boolean retryable(ApiError e) {
        return e.code() == 0 || e.code() == 408 || e.code() == 429 || e.code() >= 500;
    }
}
