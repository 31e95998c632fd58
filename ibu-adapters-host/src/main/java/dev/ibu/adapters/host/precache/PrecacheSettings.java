package dev.ibu.adapters.host.precache;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Precache tunables (the storage cleanup's threshold comes with each request, from the IBU's annotations). Upstream: 10 concurrent pulls, 5 attempts with no pause, no per-image timeout; we
 * keep 10 and 5 but back off between attempts (doubling from {@code firstBackoff}) and bound each pull.
 *
 * @param statusFile         where progress is written (host {@code /var/lib/lca/workspace/precache_status.json})
 * @param concurrency        pulls in flight at most (>= 1)
 * @param attempts           tries per image (>= 1); "manifest unknown" stops early
 * @param firstBackoff       pause after the first failed attempt, doubled after each further one
 * @param bestEffort         succeed even when some images could not be pulled
 * @param minFreeBytes       refuse to start when the storage has less free space than this (after cleanup)
 */
public record PrecacheSettings(Path statusFile, int concurrency, int attempts, Duration firstBackoff, boolean bestEffort,
                               long minFreeBytes) {

    public static final int DEFAULT_CONCURRENCY = 10;
    public static final int DEFAULT_ATTEMPTS = 5;

    public PrecacheSettings {
        if (concurrency < 1 || attempts < 1) {
            throw new IllegalArgumentException("concurrency and attempts must be >= 1, got " + concurrency + " and " + attempts);
        }
        if (firstBackoff.isNegative() || minFreeBytes < 0) {
            throw new IllegalArgumentException("firstBackoff and minFreeBytes must be >= 0");
        }
    }

    public static PrecacheSettings defaults(Path hostRoot) {
        return new PrecacheSettings(hostRoot.resolve("var/lib/lca/workspace/precache_status.json"), DEFAULT_CONCURRENCY,
            DEFAULT_ATTEMPTS, Duration.ofSeconds(2), false, 1L << 30);
    }

    public PrecacheSettings withStatusFile(Path f) {
        return new PrecacheSettings(f, concurrency, attempts, firstBackoff, bestEffort, minFreeBytes);
    }
}
