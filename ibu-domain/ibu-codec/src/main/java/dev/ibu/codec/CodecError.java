package dev.ibu.codec;

/**
 * Why a text is not an ImageBasedUpgrade: one sentence that names the field (and the document, when there are
 * several) and the fix, e.g. {@code document 2: spec.stage "prep" is not a stage; use one of Idle, Prep, Upgrade,
 * Rollback (case-sensitive)}.
 */
public record CodecError(String message) {

    /** The same error, said of one document of a multi-document input ("document 2", "document 1, items[3]"). */
    public CodecError in(String document) {
        return new CodecError(document + ": " + message);
    }

    @Override
    public String toString() {
        return message;
    }
}
