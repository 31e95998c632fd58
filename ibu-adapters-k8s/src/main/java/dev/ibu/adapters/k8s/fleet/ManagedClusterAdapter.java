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
                out = out.prepend(new ManagedCluster(r.getMetadata().getName(), l));
            }
        }
        return Either.right(out.sortBy(ManagedCluster::name));
    }

    @Override
    public Either<PortFailure, Void> label(LabelChange change) {
        Map<String, Object> labels = new java.util.HashMap<>();
        labels.put(change.key(), change.set() ? "" : null);
        String patch = Serialization.asJson(Map.of("metadata", Map.of("labels", labels)));
        try {
            client.genericKubernetesResources(HubKinds.MANAGED_CLUSTER).withName(change.cluster())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return Either.right(null);
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("ManagedCluster " + change.cluster(), e));
        }
    }
}
