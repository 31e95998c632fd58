package dev.ibu.agent.observability;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.ResourceCodec;
import dev.ibu.agent.controller.IbuDecoding;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link ReconcileMetrics#observed} from informer events on the IBU. Add it to the controller's informer
 * ({@code informer.addEventHandler(new IbuStatusObserver(metrics))}) or let {@link #inform} run its own.
 * A resource that does not map (a bad status written by hand) is skipped: metrics never stop the agent. The informer
 * of {@link #inform} reads the IBU leniently ({@link IbuDecoding}) and retries every failed list or watch, so an
 * unreadable object or an API outage does not stop it.
 */
public final class IbuStatusObserver implements ResourceEventHandler<ImageBasedUpgradeResource> {
    private static final Logger LOG = LoggerFactory.getLogger(IbuStatusObserver.class);

    private final ReconcileMetrics metrics;

    public IbuStatusObserver(ReconcileMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts an informer on {@code upgrade} of its own; close it to stop. */
    public static SharedIndexInformer<GenericKubernetesResource> inform(KubernetesClient client,
            ReconcileMetrics metrics) {
        IbuStatusObserver typed = new IbuStatusObserver(metrics);
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(IbuDecoding.KIND)
                .withName(ImageBasedUpgradeResource.NAME).runnableInformer(0);
        informer.exceptionHandler((started, t) -> {
            LOG.debug("metrics: the IBU informer failed to list or watch ({}); retrying", t.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                read(client, obj).ifPresent(typed::onAdd);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                read(client, oldObj).ifPresent(before -> read(client, newObj).ifPresent(after -> typed.onUpdate(
                        before, after)));
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                // the engine re-creates it; the next add sets the stage again
            }
        });
        informer.start();
        return informer;
    }

    private static java.util.Optional<ImageBasedUpgradeResource> read(KubernetesClient client,
            GenericKubernetesResource raw) {
        var r = IbuDecoding.decode(client.getKubernetesSerialization(), raw);
        if (r.isLeft()) {
            LOG.debug("metrics: skipping an IBU that cannot be read: {}", r.getLeft().reason());
        }
        return r.toJavaOptional();
    }

    @Override
    public void onAdd(ImageBasedUpgradeResource obj) {
        try {
            metrics.observed(ResourceCodec.toDomain(obj));
        } catch (RuntimeException e) {
            LOG.debug("metrics: skipping an IBU that does not map: {}", e.getMessage());
        }
    }

    @Override
    public void onUpdate(ImageBasedUpgradeResource oldObj, ImageBasedUpgradeResource newObj) {
        try {
            metrics.observed(ResourceCodec.toDomain(oldObj), ResourceCodec.toDomain(newObj));
        } catch (RuntimeException e) {
            LOG.debug("metrics: skipping an IBU update that does not map: {}", e.getMessage());
        }
    }

    @Override
    public void onDelete(ImageBasedUpgradeResource obj, boolean deletedFinalStateUnknown) {
        // the engine re-creates it; the next add sets the stage again
    }
}
