package dev.ibu.adapters.host.archive;

/**
 * Running totals against {@link ExtractionLimits}; shared by nested unpacks of one seed. Not thread-safe.
 * Bytes are what is actually written (a sparse entry counts at its expanded size), and an entry whose
 * declared size cannot fit is refused before any of it is written.
 */
public final class ExtractionBudget {

    private final ExtractionLimits limits;
    private long bytes;
    private long entries;

    public ExtractionBudget(ExtractionLimits limits) {
        this.limits = limits;
    }

    /** One more entry that declares {@code declaredSize} bytes of content (its expanded size when sparse). */
    void admit(String entry, long declaredSize) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new UnsafeArchiveException(entry, "archive has more than " + limits.maxEntries()
                + " entries (reached at entry " + EntryPaths.quote(entry) + "); raise the entry limit or use a smaller seed image");
        }
        if (declaredSize < 0 || declaredSize > limits.maxBytes() - bytes) {
            throw new UnsafeArchiveException(entry, "archive exceeds the size limit of " + limits.maxBytes()
                + " bytes at entry " + EntryPaths.quote(entry) + ", which declares " + declaredSize
                + " bytes; raise the size limit or use a smaller seed image");
        }
    }

    /** {@code n} more bytes written for {@code entry}. */
    void wrote(String entry, long n) {
        bytes += n;
        if (bytes > limits.maxBytes()) {
            throw new UnsafeArchiveException(entry, "archive exceeds the size limit of " + limits.maxBytes()
                + " bytes while writing entry " + EntryPaths.quote(entry) + "; raise the size limit or use a smaller seed image");
        }
    }

    public long bytes() {
        return bytes;
    }

    public long entries() {
        return entries;
    }
}
