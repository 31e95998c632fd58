package dev.ibu.adapters.k8s.resource;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.codec.CodecError;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Either;

/**
 * The fabric8 object of the CR to and from the domain, through the one codec ({@link IbuCodec}): the object sent to
 * the API server is parsed from the codec's JSON, so it carries exactly what the host state store saves as
 * {@code ibu.json}, and an object read is decoded by the same function as {@code ibu.json} and {@code explain}.
 */
public final class ResourceCodec {
    private ResourceCodec() {
    }

    /** The CR for {@code ibu}: name, generation, annotations, resourceVersion (when known), spec and status. */
    public static ImageBasedUpgradeResource toResource(ImageBasedUpgrade ibu) {
        return Serialization.unmarshal(IbuCodec.toJson(ibu), ImageBasedUpgradeResource.class);
    }

    /** The domain IBU of a CR as the API server returned it; the server's own metadata fields are ignored. */
    public static Either<CodecError, ImageBasedUpgrade> decode(ImageBasedUpgradeResource cr) {
        return IbuCodec.fromJson(Serialization.asJson(cr));
    }

    /** {@link #decode}, for callers that treat a CR the CRD forbids as a bug (informer callbacks). */
    public static ImageBasedUpgrade toDomain(ImageBasedUpgradeResource cr) {
        return decode(cr).getOrElseThrow(e -> new IllegalArgumentException("ImageBasedUpgrade "
                + ImageBasedUpgradeResource.NAME + " cannot be read: " + e.message()));
    }
}
