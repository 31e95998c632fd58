package dev.ibu.adapters.k8s.resource;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.codec.wire.IbuStatus;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The singleton {@code ImageBasedUpgrade upgrade} through the API server. Reads are uncached GETs; status writes are
 * {@code PUT .../status} carrying the resourceVersion that was read, so a concurrent change gives 409 and the
 * engine reads again and redecides instead of overwriting.
 */
public final class IbuResourceAdapter implements IbuResourcePort {
    private static final Logger LOG = LoggerFactory.getLogger(IbuResourceAdapter.class);
    private static final String WHAT = "ImageBasedUpgrade " + ImageBasedUpgradeResource.NAME;
    /**
     * The API server refuses an object whose annotations exceed 256 KiB in total; a long value (thousands of
     * extra-manifest warnings) is cut here so that the write, and the stage, can go on.
     */
    static final int MAX_ANNOTATION_VALUE = 64 * 1024;

    private final KubernetesClient client;

    public IbuResourceAdapter(KubernetesClient client) {
        this.client = client;
    }

    private MixedOperation<ImageBasedUpgradeResource, ?, Resource<ImageBasedUpgradeResource>> ibus() {
        return client.resources(ImageBasedUpgradeResource.class);
    }

    private Resource<ImageBasedUpgradeResource> upgrade() {
        return ibus().withName(ImageBasedUpgradeResource.NAME);
    }

    @Override
    public Either<PortFailure, Option<ImageBasedUpgrade>> read() {
        return call(() -> Option.of(upgrade().get())).flatMap(o -> o.isEmpty() ? Either.right(Option.none())
                : decode(o.get()).map(Option::some));
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade ibu) {
        requireSingleton(ibu);
        ImageBasedUpgradeResource cr = ResourceCodec.toResource(ibu);
        cr.getMetadata().setResourceVersion(null);
        var status = cr.getStatus();
        cr.setStatus(null);
        Either<PortFailure, ImageBasedUpgradeResource> created = call(() -> ibus().resource(cr).create());
        if (created.isLeft() || status == null) {
            return created.flatMap(IbuResourceAdapter::decode);
        }
        // the status subresource ignores status on create: write it as a second step, with the new version
        return created.flatMap(c -> {
            c.setStatus(status);
            Either<PortFailure, ImageBasedUpgradeResource> written = call(() -> ibus().resource(c).updateStatus());
            // never a silent half-restore: say that the object exists without the saved status
            return written.flatMap(IbuResourceAdapter::decode).mapLeft(f -> withMessage(f, WHAT + " was created but its saved "
                    + "status could not be written: " + f.message()));
        });
    }

    @Override
    public Either<PortFailure, Void> delete() {
        return call(() -> {
            upgrade().delete();
            return null;
        });
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade ibu) {
        requireSingleton(ibu);
        if (ibu.metadata().resourceVersion().isEmpty()) {
            // writing without a version would silently overwrite a concurrent change
            throw new IllegalArgumentException("writeStatus needs the resourceVersion that was read; got none for "
                    + WHAT);
        }
        ImageBasedUpgradeResource cr = ResourceCodec.toResource(ibu);
        if (cr.getStatus() == null) {
            cr.setStatus(new IbuStatus(null, null, null, null, null));
        }
        return call(() -> ibus().resource(cr).updateStatus()).flatMap(IbuResourceAdapter::decode);
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value) {
        LOG.debug("{} annotation {} on {}", value.isDefined() ? "setting" : "removing", key, WHAT);
        if (value.isDefined()) {
            String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", Map.of(key,
                    bounded(value.get())))));
            return patch(PatchType.JSON_MERGE, patch);
        }
        // JSON patch "remove" rather than a merge patch with null: explicit, and it fails instead of storing null
        return call(() -> Option.of(upgrade().get())).flatMap(current -> {
            if (current.isEmpty()) {
                return Either.left(PortFailure.notFound(WHAT + " not found; it is created at agent start-up"));
            }
            Map<String, String> annotations = current.get().getMetadata().getAnnotations();
            if (annotations == null || !annotations.containsKey(key)) {
                return decode(current.get());
            }
            String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
            Either<PortFailure, ImageBasedUpgrade> removed = patch(PatchType.JSON,
                    Serialization.asJson(java.util.List.of(Map.of("op", "remove", "path", path))));
            // 422: someone removed it first; the goal (absent) holds, so report the object as it is now
            return removed.isLeft() && removed.getLeft() instanceof PortFailure.Invalid
                    ? read().flatMap(o -> o.toEither(() -> PortFailure.notFound(WHAT + " not found")))
                    : removed;
        });
    }

    static String bounded(String value) {
        if (value.length() <= MAX_ANNOTATION_VALUE) {
            return value;
        }
        String cut = value.substring(0, MAX_ANNOTATION_VALUE);
        LOG.warn("annotation value of {} characters cut to {} on {}", value.length(), MAX_ANNOTATION_VALUE, WHAT);
        return cut + "\n... (truncated: " + (value.length() - MAX_ANNOTATION_VALUE) + " more characters)";
    }

    private Either<PortFailure, ImageBasedUpgrade> patch(PatchType type, String body) {
        Either<PortFailure, ImageBasedUpgradeResource> patched = call(() -> upgrade().patch(PatchContext.of(type),
                body));
        return patched.flatMap(IbuResourceAdapter::decode);
    }

    /** A CR the CRD forbids (only a lenient store can hold one) is named, not half-read. */
    private static Either<PortFailure, ImageBasedUpgrade> decode(ImageBasedUpgradeResource cr) {
        return ResourceCodec.decode(cr).mapLeft(e -> PortFailure.invalid(WHAT + " on the API server cannot be "
                + "read: " + e.message()));
    }

    private static PortFailure withMessage(PortFailure f, String message) {
        if (f instanceof PortFailure.Conflict) {
            return PortFailure.conflict(message);
        }
        if (f instanceof PortFailure.NotFound) {
            return PortFailure.notFound(message);
        }
        if (f instanceof PortFailure.Invalid) {
            return PortFailure.invalid(message);
        }
        return f instanceof PortFailure.Terminal ? PortFailure.terminal(message) : PortFailure.transientFailure(message);
    }

    private static void requireSingleton(ImageBasedUpgrade ibu) {
        if (!Metadata.SINGLETON_NAME.equals(ibu.metadata().name())) {
            throw new IllegalArgumentException("the ImageBasedUpgrade must be named '" + Metadata.SINGLETON_NAME
                    + "', got '" + ibu.metadata().name() + "'");
        }
    }

    private static <T> Either<PortFailure, T> call(Supplier<T> request) {
        try {
            return Either.right(request.get());
        } catch (KubernetesClientException e) {
            PortFailure failure = KubeFailures.from(WHAT, e);
            LOG.debug("{} request failed: {}", WHAT, failure);
            return Either.left(failure);
        }
    }

}
