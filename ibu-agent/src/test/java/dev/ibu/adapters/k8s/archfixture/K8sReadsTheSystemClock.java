package dev.ibu.adapters.k8s.archfixture;

import java.time.Instant;

/** Test-only, deliberately bad: reads the system clock itself instead of being given a ClockPort. */
public final class K8sReadsTheSystemClock {
    public Instant stamp() {
        return Instant.now();
    }
}
