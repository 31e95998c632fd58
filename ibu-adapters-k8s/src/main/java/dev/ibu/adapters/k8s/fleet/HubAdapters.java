package dev.ibu.adapters.k8s.fleet;

import dev.ibu.ports.fleet.HubPorts;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vavr.collection.List;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The hub's adapters, built once: three informers (IBGUs, ManagedClusters, the hub's ManifestWorks, each one list
 * and one watch) and the ports on top of them. {@code onChange} hears which IBGU to reconcile: the IBGU itself, the
 * IBGU a changed work belongs to, or every IBGU when a ManagedCluster changes (its labels may change who is selected).
 */
public final class HubAdapters implements AutoCloseable {
    private final SharedIndexInformer<GenericKubernetesResource> ibgus;
    private final SharedIndexInformer<GenericKubernetesResource> clusters;
    private final SharedIndexInformer<GenericKubernetesResource> works;
    private final HubPorts ports;

    private HubAdapters(KubernetesClient client, ClockPort clock, Consumer<IbguRef> onChange) {
        ibgus = client.genericKubernetesResources(HubKinds.IBGU).inAnyNamespace().runnableInformer(0);
        clusters = client.genericKubernetesResources(HubKinds.MANAGED_CLUSTER).runnableInformer(0);
        works = client.genericKubernetesResources(HubKinds.MANIFEST_WORK).inAnyNamespace()
                .withLabel(HubKinds.LABEL_IBGU_NAME).runnableInformer(0);
        works.addIndexers(Map.of(SpokeWorkAdapter.BY_IBGU, w -> java.util.List.of(SpokeWorkAdapter.ibguKey(w))));
        ibgus.addEventHandler(handler(r -> onChange.accept(ref(r))));
        works.addEventHandler(handler(w -> {
            Map<String, String> l = w.getMetadata().getLabels();
            if (l != null && l.containsKey(HubKinds.LABEL_IBGU_NAME)) {
                onChange.accept(new IbguRef(l.get(HubKinds.LABEL_IBGU_NAMESPACE), l.get(HubKinds.LABEL_IBGU_NAME)));
            }
        }));
        clusters.addEventHandler(handler(c -> ibguRefs().forEach(onChange)));
        ports = new HubPorts(new IbguStoreAdapter(client), new ManagedClusterAdapter(client, clusters),
                new SpokeWorkAdapter(client, works, new HubInputs(client, clock)), new HubEventAdapter(client, clock),
                clock);
    }

    /** Starts the informers and waits (up to {@code timeout}) until each has listed once. */
    public static HubAdapters start(KubernetesClient client, ClockPort clock, Consumer<IbguRef> onChange,
                                    Duration timeout) {
        HubAdapters a = new HubAdapters(client, clock, onChange);
        a.clusters.start();
        a.works.start();
        a.ibgus.start();
        for (SharedIndexInformer<GenericKubernetesResource> i : List.of(a.clusters, a.works, a.ibgus)) {
            try {
                i.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                a.close();
                throw new IllegalStateException("the hub's watches did not start within " + timeout + ": "
                        + e.getMessage() + "; check the hub's API server and the controller's RBAC", e);
            }
        }
        return a;
    }

    public HubPorts ports() {
        return ports;
    }

    /** The resourceVersion the ManifestWork watch has reached (for a caller that waits until it saw a write). */
    public String worksResourceVersion() {
        return works.lastSyncResourceVersion();
    }

    /** Every IBGU the watch has seen (for a periodic resync). */
    public List<IbguRef> ibguRefs() {
        return List.ofAll(ibgus.getStore().list()).map(HubAdapters::ref);
    }

    private static IbguRef ref(GenericKubernetesResource r) {
        return new IbguRef(r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    private static ResourceEventHandler<GenericKubernetesResource> handler(Consumer<GenericKubernetesResource> c) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                c.accept(obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                c.accept(newObj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                c.accept(obj);
            }
        };
    }

    @Override
    public void close() {
        ibgus.close();
        clusters.close();
        works.close();
    }
}
