package dev.ibu.adapters.k8s.fleet;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.codec.CodecError;
import dev.ibu.codec.fleet.IbguCodec;
import dev.ibu.codec.fleet.IbguStatusCodec;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.ports.fleet.HubStatus;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.IbguStorePort;
import dev.ibu.ports.fleet.StoredIbgu;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IBGUs by GET (a status write must carry the freshest resourceVersion, so no cache), decoded by the fleet codec;
 * status by PUT of the status subresource with that resourceVersion (409 is a Conflict, never an overwrite).
 */
final class IbguStoreAdapter implements IbguStorePort {
    private final KubernetesClient client;
    private final Map<IbguRef, GenericKubernetesResource> lastRead = new ConcurrentHashMap<>();

    IbguStoreAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Either<PortFailure, Option<StoredIbgu>> read(IbguRef ref) {
        String what = "ImageBasedGroupUpgrade " + ref;
        GenericKubernetesResource r;
        try {
            r = client.genericKubernetesResources(HubKinds.IBGU).inNamespace(ref.namespace()).withName(ref.name())
                    .get();
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from(what, e));
        }
        if (r == null) {
            lastRead.remove(ref);
            return Either.right(Option.none());
        }
        lastRead.put(ref, r);
        String json = Serialization.asJson(r);
        Either<CodecError, ImageBasedGroupUpgrade> ibgu = IbguCodec.fromYaml(json);
        if (ibgu.isLeft()) {
            return Either.left(PortFailure.invalid(what + ": " + ibgu.getLeft().message()));
        }
        Map<String, String> annotations = r.getMetadata().getAnnotations() == null ? Map.of()
                : r.getMetadata().getAnnotations();
        return Either.right(Option.some(new StoredIbgu(ibgu.get(), r.getMetadata().getResourceVersion(),
                IbguStatusCodec.summary(json), io.vavr.collection.TreeMap.ofAll(annotations))));
    }

    @Override
    public Either<PortFailure, String> writeStatus(IbguRef ref, String resourceVersion, HubStatus status) {
        String what = "ImageBasedGroupUpgrade " + ref;
        GenericKubernetesResource base = lastRead.get(ref);
        if (base == null) {
            return Either.left(PortFailure.conflict(what + " was not read before its status write; read it again"));
        }
        GenericKubernetesResource copy = Serialization.clone(base);
        copy.getMetadata().setResourceVersion(resourceVersion);
        copy.getMetadata().setManagedFields(null);
        Object st = Serialization.unmarshal(IbguStatusCodec.statusJson(status.rollout(), status.summary(),
                status.clustersOmitted()), Map.class);
        copy.getAdditionalProperties().put("status", st);
        try {
            GenericKubernetesResource out = client.genericKubernetesResources(HubKinds.IBGU)
                    .inNamespace(ref.namespace()).resource(copy).updateStatus();
            lastRead.put(ref, out);
            return Either.right(out.getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from(what + " status", e));
        }
    }
}
