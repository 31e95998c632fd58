package dev.ibu.domain.archfixture;

import dev.ibu.ports.archfixture.CycleB;

/** Test-only, deliberately bad: half of a package cycle between the domain and ports slices. */
public final class CycleA {
    public CycleB other;
}
