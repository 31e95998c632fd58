package dev.ibu.adapters.k8s.fleet;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.SpokeWork;
import dev.ibu.ports.fleet.SpokeWorksPort;
import dev.ibu.ports.fleet.WorkState;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.util.Map;
import java.util.Objects;

/**
 * The spokes' ManifestWorks, read from one informer indexed by IBGU; written only when the spec hash or the row
 * changed (create, or update carrying the cached resourceVersion: a 409 is a Conflict and the hub reads again).
 */
final class SpokeWorkAdapter implements SpokeWorksPort {
    static final String BY_IBGU = "ibgu";

    private final KubernetesClient client;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final HubInputs inputs;

    SpokeWorkAdapter(KubernetesClient client, SharedIndexInformer<GenericKubernetesResource> informer,
                     HubInputs inputs) {
        this.client = client;
        this.informer = informer;
        this.inputs = inputs;
    }

    static String ibguKey(GenericKubernetesResource w) {
        Map<String, String> l = w.getMetadata().getLabels();
        return l == null ? "" : l.get(HubKinds.LABEL_IBGU_NAMESPACE) + "/" + l.get(HubKinds.LABEL_IBGU_NAME);
    }

    @Override
    public Either<PortFailure, Void> apply(SpokeWork work) {
        Either<PortFailure, GenericKubernetesResource> built = WorkManifest.build(work, inputs);
        if (built.isLeft()) {
            return Either.left(built.getLeft());
        }
        GenericKubernetesResource desired = built.get();
        String name = desired.getMetadata().getName();
        String what = "ManifestWork " + work.cluster() + "/" + name;
        GenericKubernetesResource cached = informer.getStore().getByKey(work.cluster() + "/" + name);
        try {
            var works = client.genericKubernetesResources(HubKinds.MANIFEST_WORK).inNamespace(work.cluster());
            if (cached == null) {
                works.resource(desired).create();
            } else if (!same(cached, desired)) {
                desired.getMetadata().setResourceVersion(cached.getMetadata().getResourceVersion());
                works.resource(desired).update();
            }
            return Either.right(null);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Either.left(PortFailure.notFound(what + ": namespace " + work.cluster() + " not found; "
                        + work.cluster() + " is not a ManagedCluster of this hub"));
            }
            return Either.left(KubeFailures.from(what, e));
        }
    }

    private static boolean same(GenericKubernetesResource cached, GenericKubernetesResource desired) {
        Map<String, String> a = cached.getMetadata().getAnnotations();
        Map<String, String> b = desired.getMetadata().getAnnotations();
        return a != null && Objects.equals(a.get(WorkManifest.ANNOTATION_SPEC_HASH),
                b.get(WorkManifest.ANNOTATION_SPEC_HASH))
                && Objects.equals(a.get(HubKinds.ANNOTATION_ROW), b.get(HubKinds.ANNOTATION_ROW))
                && Objects.equals(cached.getMetadata().getLabels(), desired.getMetadata().getLabels());
    }

    @Override
    public Either<PortFailure, List<WorkState>> list(IbguRef ibgu) {
        if (!informer.hasSynced()) {
            return Either.left(PortFailure.transientFailure("the ManifestWork watch has not synced yet; will retry"));
        }
        List<WorkState> out = List.empty();
        for (GenericKubernetesResource w : informer.getIndexer().byIndex(BY_IBGU, ibgu.toString())) {
            out = out.appendAll(WorkReadback.of(w));
        }
        return Either.right(out.sortBy(WorkState::cluster));
    }

    @Override
    public Either<PortFailure, Void> delete(IbguRef ibgu, String cluster) {
        try {
            client.genericKubernetesResources(HubKinds.MANIFEST_WORK).inNamespace(cluster)
                    .withName(WorkManifest.workName(ibgu)).delete();
            return Either.right(null);
        } catch (KubernetesClientException e) {
            return KubeFailures.isNotFound(e) ? Either.right(null)
                    : Either.left(KubeFailures.from("ManifestWork " + cluster + "/" + WorkManifest.workName(ibgu), e));
        }
    }
}
