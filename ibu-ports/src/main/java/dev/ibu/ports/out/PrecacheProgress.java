package dev.ibu.ports.out;

/**
 * Precache counts as the status message shows them: {@code total: N (pulled: P, failed: F)}, plus
 * {@code , skipped: S} inside the parentheses when images were skipped because they have no manifest for the node's
 * architecture (upstream PR 7318's wording; upstream's message is unchanged when nothing was skipped).
 */
public record PrecacheProgress(int total, int pulled, int failed, int skipped) {
    public PrecacheProgress {
        if (total < 0 || pulled < 0 || failed < 0 || skipped < 0 || (long) pulled + failed + skipped > total) {
            throw new IllegalArgumentException("invalid precache counts " + total + "/" + pulled + "/" + failed + "/"
                    + skipped);
        }
    }

    /** Counts with nothing skipped. */
    public PrecacheProgress(int total, int pulled, int failed) {
        this(total, pulled, failed, 0);
    }

    public String message() {
        return "total: " + total + " (pulled: " + pulled + ", failed: " + failed
                + (skipped > 0 ? ", skipped: " + skipped : "") + ")";
    }
}
