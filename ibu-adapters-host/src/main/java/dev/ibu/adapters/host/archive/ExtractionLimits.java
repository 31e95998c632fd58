package dev.ibu.adapters.host.archive;

/**
 * Caps on what one unpack may write. {@code maxBytes} counts file content (declared sizes) across all
 * entries, nested archives included when they share a {@link ExtractionBudget}.
 */
public record ExtractionLimits(long maxBytes, long maxEntries) {

    /** 64 GiB and two million entries: a real seed is ~1-2 GiB compressed, a few 100k entries. */
    public static final ExtractionLimits SEED_DEFAULT = new ExtractionLimits(64L << 30, 2_000_000);

    public ExtractionLimits {
        if (maxBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxBytes=" + maxBytes + ", maxEntries=" + maxEntries);
        }
    }
}
