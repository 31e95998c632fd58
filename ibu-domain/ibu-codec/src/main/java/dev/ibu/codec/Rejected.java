package dev.ibu.codec;

/** Thrown inside the decoder only, to leave a nested field at once; {@link IbuCodec} turns it into a Left. */
final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CodecError error;

    Rejected(String message) {
        super(message, null, false, false);
        this.error = new CodecError(message);
    }

    CodecError error() {
        return error;
    }
}
