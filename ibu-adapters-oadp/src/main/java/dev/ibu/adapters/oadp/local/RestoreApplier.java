package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the objects of one Restore, in Velero's order and with its default transforms: the Restore's namespace and
 * resource filters apply; PersistentVolumes whose reclaim policy is {@code Delete} are not restored (provisioned
 * anew, their claims lose {@code volumeName}); a missing namespace is created first (from the backup when it holds
 * it). Existing objects are left alone. Only kinds, namespaces and names are logged, never contents.
 */
final class RestoreApplier {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreApplier.class);
    private static final ResourceDefinitionContext CRDS = new ResourceDefinitionContext.Builder()
            .withGroup("apiextensions.k8s.io").withVersion("v1").withKind("CustomResourceDefinition")
            .withPlural("customresourcedefinitions").withNamespaced(false).build();
    private static final ResourceDefinitionContext NAMESPACES = new ResourceDefinitionContext.Builder()
            .withGroup("").withVersion("v1").withKind("Namespace").withPlural("namespaces").withNamespaced(false).build();

    private final OadpCluster cluster;
    private final VeleroCr restore;
    private final List<BackedUpObject> objects;
    private final Set<String> ensuredNamespaces = new HashSet<>();

    RestoreApplier(OadpCluster cluster, VeleroCr restore, List<BackedUpObject> objects) {
        this.cluster = cluster;
        this.restore = restore;
        this.objects = objects;
    }

    /** Left only for a failure worth retrying; refusals are recorded in {@code wave}. */
    Either<PortFailure, Void> applyTo(LocalRestoreRunner.WaveResult wave) {
        Set<String> restoredVolumes = new HashSet<>();
        objects.stream().filter(o -> o.resource().qualified().equals("persistentvolumes") && included(o) && retained(o))
                .forEach(o -> restoredVolumes.add(o.name()));
        for (BackedUpObject o : objects) {
            if (!included(o)) {
                continue;
            }
            if (o.resource().qualified().equals("persistentvolumes") && !retained(o)) {
                LOG.info("Restore {}: PersistentVolume {} has reclaim policy Delete; it is provisioned anew",
                        restore.name(), o.name());
                continue;
            }
            Either<PortFailure, Void> one = applyOne(o, restoredVolumes, wave);
            if (one.isLeft()) {
                return one;
            }
        }
        return Either.right(null);
    }

    private Either<PortFailure, Void> applyOne(BackedUpObject o, Set<String> restoredVolumes,
                                               LocalRestoreRunner.WaveResult wave) {
        if (o.resource().namespaced()) {
            Either<PortFailure, Void> ns = ensureNamespace(o.namespace(), wave);
            if (ns.isLeft()) {
                return ns;
            }
        }
        Object volume = Documents.map(o.object().get("spec")).get("volumeName");
        boolean keepVolume = volume != null && restoredVolumes.contains(volume.toString());
        Map<String, Object> wanted = RestoreTransforms.apply(o.resource().qualified(), o.object(), restore.backupName(),
                restore.name(), keepStatus(o.resource()), keepVolume, Boolean.TRUE.equals(restore.spec().get("preserveNodePorts")));
        GenericKubernetesResource r = Documents.toResource(wanted);
        Either<ApiError, GenericKubernetesResource> created = cluster.create(o.resource().context(), r);
        if (created.isRight()) {
            wave.created++;
            LOG.info("Restore {}: created {} {}", restore.name(), o.resource().kind(), o.describe());
            if (wanted.get("status") != null) {
                restoreStatus(o, created.get(), wanted.get("status"));
            }
            return Either.right(null);
        }
        ApiError e = created.getLeft();
        if (e.alreadyExists()) {
            LOG.debug("Restore {}: {} {} exists; left as it is", restore.name(), o.resource().kind(), o.describe());
            return Either.right(null);
        }
        if (LocalContent.retryable(e)) {
            return Either.left(PortFailure.transientFailure("Restoring Application Data: failed to create "
                    + o.resource().kind() + " " + o.describe() + ": " + e));
        }
        if (e.notFound() && crdExists(o.resource())) {
            wave.waitingFor.add(o.resource().qualified());
            return Either.right(null);
        }
        String why = e.notFound() && !o.resource().group().isEmpty()
                ? "the API server does not serve " + o.resource().kind() + " (" + o.resource().apiVersion() + "): restore"
                + " its CustomResourceDefinition in an earlier apply-wave or install its operator first"
                : e.toString();
        wave.fail(restore.name(), o.resource().kind() + " " + o.describe() + ": " + why);
        return Either.right(null);
    }

    private Either<PortFailure, Void> ensureNamespace(String ns, LocalRestoreRunner.WaveResult wave) {
        if (ensuredNamespaces.contains(ns)) {
            return Either.right(null);
        }
        Either<ApiError, Optional<GenericKubernetesResource>> live = cluster.get(NAMESPACES, "", ns);
        if (live.isLeft()) {
            return Either.left(PortFailure.transientFailure("Restoring Application Data: failed to get namespace " + ns
                    + ": " + live.getLeft()));
        }
        if (live.get().isEmpty()) {
            Map<String, Object> body = objects.stream()
                    .filter(o -> o.resource().qualified().equals("namespaces") && o.name().equals(ns)).findFirst()
                    .map(o -> RestoreTransforms.apply("namespaces", o.object(), restore.backupName(), restore.name(),
                            false, false, false))
                    .orElseGet(() -> Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns)));
            Either<ApiError, GenericKubernetesResource> created = cluster.create(NAMESPACES, Documents.toResource(body));
            if (created.isLeft() && !created.getLeft().alreadyExists()) {
                if (LocalContent.retryable(created.getLeft())) {
                    return Either.left(PortFailure.transientFailure("Restoring Application Data: failed to create"
                            + " namespace " + ns + ": " + created.getLeft()));
                }
                wave.fail(restore.name(), "Namespace " + ns + ": " + created.getLeft());
                return Either.right(null);
            }
            if (created.isRight()) {
                wave.created++;
            }
        }
        ensuredNamespaces.add(ns);
        return Either.right(null);
    }

    /** Best effort, as Velero: kinds with a status subresource ignore status on create. */
    private void restoreStatus(BackedUpObject o, GenericKubernetesResource created, Object status) {
        try {
            created.getAdditionalProperties().put("status", status);
            var op = cluster.client().genericKubernetesResources(o.resource().context());
            (o.resource().namespaced() ? op.inNamespace(o.namespace()) : op).resource(created).updateStatus();
        } catch (KubernetesClientException e) {
            LOG.warn("Restore {}: could not restore the status of {} {}: {}", restore.name(), o.resource().kind(),
                    o.describe(), e.getCode());
        }
    }

    private boolean crdExists(ApiResource r) {
        return !r.group().isEmpty() && cluster.get(CRDS, "", r.plural() + "." + r.group())
                .map(Optional::isPresent).getOrElse(false);
    }

    private boolean included(BackedUpObject o) {
        List<String> inNs = restore.specStrings("includedNamespaces");
        List<String> exNs = restore.specStrings("excludedNamespaces");
        String ns = o.resource().qualified().equals("namespaces") ? o.name() : o.namespace();
        if (o.resource().namespaced() || o.resource().qualified().equals("namespaces")) {
            boolean in = inNs.isEmpty() || inNs.stream().anyMatch(p -> BackupSelection.glob(p, ns));
            if (!in || exNs.stream().anyMatch(p -> BackupSelection.glob(p, ns))) {
                return false;
            }
        } else if (Boolean.FALSE.equals(restore.spec().get("includeClusterResources"))) {
            return false;
        }
        List<String> inRes = restore.specStrings("includedResources");
        return (inRes.isEmpty() || inRes.stream().anyMatch(o.resource()::named))
                && restore.specStrings("excludedResources").stream().noneMatch(o.resource()::named);
    }

    private boolean keepStatus(ApiResource r) {
        Map<String, Object> rs = Documents.map(restore.spec().get("restoreStatus"));
        List<String> in = strings(rs.get("includedResources"));
        List<String> ex = strings(rs.get("excludedResources"));
        return in.stream().anyMatch(r::named) && ex.stream().noneMatch(r::named);
    }

    private static boolean retained(BackedUpObject pv) {
        return !"Delete".equals(Documents.map(pv.object().get("spec")).get("persistentVolumeReclaimPolicy"));
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
