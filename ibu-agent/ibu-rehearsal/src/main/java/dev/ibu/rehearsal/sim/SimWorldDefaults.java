package dev.ibu.rehearsal.sim;

import java.time.Instant;

/** Fixed facts of the simulated cluster, chosen to match the seed document's examples. */
public final class SimWorldDefaults {
    /** The seed document's timestamps. */
    public static final Instant START = Instant.parse("2024-01-01T09:00:00Z");
    public static final String CURRENT_VERSION = "4.14.7";
    public static final String TARGET_VERSION = "4.15.2";
    public static final String SEED_IMAGE = "quay.io/example/ibu-seed-sno:4.15.2";
    /** The Backup (and its Restore) in the oadpContent ConfigMap. */
    public static final String BACKUP = "acm-klusterlet";
    /** How many images the seed lists for precache. */
    public static final int PRECACHE_IMAGES = 120;

    private SimWorldDefaults() {
    }
}
