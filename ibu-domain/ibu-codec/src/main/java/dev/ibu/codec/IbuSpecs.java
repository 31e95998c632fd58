package dev.ibu.codec;

import dev.ibu.codec.wire.IbuSpec;
import dev.ibu.domain.Spec;
import io.vavr.control.Either;

/** The IBU spec embedded in other objects (the IBGU's {@code spec.ibuSpec}), through the one IBU codec. */
public final class IbuSpecs {
    private IbuSpecs() {
    }

    /** The spec; errors name the field under {@code field} (e.g. {@code spec.ibuSpec}). */
    public static Either<CodecError, Spec> decode(IbuSpec wire, String field) {
        try {
            return Either.right(Decoder.spec(wire));
        } catch (Rejected r) {
            return Either.left(new CodecError(r.error().message().replace("spec.", field + ".")));
        }
    }

    /** The wire spec without {@code stage}: an embedded spec does not request a stage. */
    public static IbuSpec encode(Spec spec) {
        IbuSpec s = Encoder.spec(spec);
        return new IbuSpec(null, s.seedImageRef(), s.oadpContent(), s.extraManifests(), s.autoRollbackOnFailure());
    }
}
