package dev.ibu.adapters.host.archive;

/** Running totals against {@link ExtractionLimits}; shared by nested unpacks of one seed. Not thread-safe. */
public final class ExtractionBudget {

    private final ExtractionLimits limits;
    private long bytes;
    private long entries;

    public ExtractionBudget(ExtractionLimits limits) {
        this.limits = limits;
    }

    void charge(String entry, long size) {
        entries++;
        bytes += Math.max(0, size);
        if (entries > limits.maxEntries()) {
            throw new UnsafeArchiveException(entry, "archive has more than " + limits.maxEntries()
                + " entries (reached at entry \"" + entry + "\"); raise the entry limit or use a smaller seed image");
        }
        if (bytes > limits.maxBytes()) {
            throw new UnsafeArchiveException(entry, "archive exceeds the size limit of " + limits.maxBytes()
                + " bytes at entry \"" + entry + "\"; raise the size limit or use a smaller seed image");
        }
    }

    public long bytes() {
        return bytes;
    }

    public long entries() {
        return entries;
    }
}
