package dev.ibu.agent.observability;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.ResourceCodec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link ReconcileMetrics#observed} from informer events on the IBU. Add it to the controller's informer
 * ({@code informer.addEventHandler(new IbuStatusObserver(metrics))}) or let {@link #inform} run its own.
 * A resource that does not map (a bad status written by hand) is skipped: metrics never stop the agent.
 */
public final class IbuStatusObserver implements ResourceEventHandler<ImageBasedUpgradeResource> {
    private static final Logger LOG = LoggerFactory.getLogger(IbuStatusObserver.class);

    private final ReconcileMetrics metrics;

    public IbuStatusObserver(ReconcileMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts an informer on {@code upgrade} of its own; close it to stop. */
    public static SharedIndexInformer<ImageBasedUpgradeResource> inform(KubernetesClient client,
            ReconcileMetrics metrics) {
        return client.resources(ImageBasedUpgradeResource.class).withName(ImageBasedUpgradeResource.NAME)
                .inform(new IbuStatusObserver(metrics), 0);
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
