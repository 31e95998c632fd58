package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adds or removes {@code lca.openshift.io/backup=<backup>} on an object named by an apply-label annotation. */
final class ApplyLabels {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyLabels.class);

    private ApplyLabels() {
    }

    static Either<ApiError, Void> label(OadpCluster cluster, ApplyLabelTarget t, String backupName, boolean dryRun) {
        return cluster.mergePatch(context(t), t.namespace(), t.name(),
                Json.metadataMergePatch("labels", OadpNames.BACKUP_LABEL, backupName), dryRun);
    }

    /** Best effort, as upstream: already absent (NotFound, Invalid) is fine, anything else is only logged. */
    static void unlabel(OadpCluster cluster, ApplyLabelTarget t) {
        cluster.jsonPatch(context(t), t.namespace(), t.name(), Json.removeMetadataKey("labels", OadpNames.BACKUP_LABEL))
                .orElseRun(e -> {
                    if (!e.notFound() && !e.invalid()) {
                        LOG.warn("failed to remove backup label from {}/{} {}: {}", t.namespace(), t.name(),
                                t.resource(), e);
                    }
                });
    }

    private static ResourceDefinitionContext context(ApplyLabelTarget t) {
        return new ResourceDefinitionContext.Builder().withGroup(t.group()).withVersion(t.version())
                .withPlural(t.resource()).withNamespaced(t.namespaced()).build();
    }
}
