package dev.ibu.ports.out;

/** Precache counts as the status message shows them: {@code total: N (pulled: P, failed: F)}. */
public record PrecacheProgress(int total, int pulled, int failed) {
    public PrecacheProgress {
        if (total < 0 || pulled < 0 || failed < 0 || pulled + failed > total) {
            throw new IllegalArgumentException("invalid precache counts " + total + "/" + pulled + "/" + failed);
        }
    }

    public String message() {
        return "total: " + total + " (pulled: " + pulled + ", failed: " + failed + ")";
    }
}
