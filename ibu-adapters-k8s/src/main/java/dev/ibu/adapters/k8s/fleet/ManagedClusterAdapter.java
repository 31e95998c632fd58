package dev.ibu.adapters.k8s.fleet;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.ports.fleet.ManagedCluster;
import dev.ibu.ports.fleet.ManagedClustersPort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;

import java.util.Collections;
import java.util.Map;

/** ManagedClusters from one informer; labels by JSON merge patch. */
final class ManagedClusterAdapter implements ManagedClustersPort {
    private final KubernetesClient client;
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    ManagedClusterAdapter(KubernetesClient client, SharedIndexInformer<GenericKubernetesResource> informer) {
        this.client = client;
        this.informer = informer;
    }

    @Override
    public Either<PortFailure, List<ManagedCluster>> list(List<LabelSelector> anyOf) {
        if (!informer.hasSynced()) {
            return Either.left(PortFailure.transientFailure("the ManagedCluster watch has not synced yet; will retry"));
        }
        List<ManagedCluster> out = List.empty();
        for (GenericKubernetesResource r : informer.getStore().list()) {
            Map<String, String> labels = r.getMetadata().getLabels() == null ? Collections.emptyMap()
                    : r.getMetadata().getLabels();
            io.vavr.collection.Map<String, String> l = TreeMap.ofAll(labels);
            if (anyOf.exists(s -> s.matches(l))) {
                Map<String, String> a = r.getMetadata().getAnnotations() == null ? Collections.emptyMap()
                        : r.getMetadata().getAnnotations();
                out = out.prepend(new ManagedCluster(r.getMetadata().getName(), l, TreeMap.ofAll(a)));
            }
        }
        return Either.right(out.sortBy(ManagedCluster::name));
    }

    @Override
    public Either<PortFailure, Void> label(LabelChange change) {
        return patchMetadata(change.cluster(), "labels", change.key(), change.set() ? "" : null);
    }

    @Override
    public Either<PortFailure, Void> annotate(String cluster, String key, io.vavr.control.Option<String> value) {
        return patchMetadata(cluster, "annotations", key, value.getOrNull());
    }

    /** A JSON merge patch of one metadata map entry (null removes it). */
    private Either<PortFailure, Void> patchMetadata(String cluster, String map, String key, String value) {
        Map<String, Object> entry = new java.util.HashMap<>();
        entry.put(key, value);
        String patch = Serialization.asJson(Map.of("metadata", Map.of(map, entry)));
        try {
            client.genericKubernetesResources(HubKinds.MANAGED_CLUSTER).withName(cluster)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return Either.right(null);
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("ManagedCluster " + cluster, e));
        }
    }
}
