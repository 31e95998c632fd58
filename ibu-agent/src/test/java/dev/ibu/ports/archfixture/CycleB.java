package dev.ibu.ports.archfixture;

import dev.ibu.domain.archfixture.CycleA;

/** Test-only, deliberately bad: the other half of the cycle. */
public final class CycleB {
    public CycleA other;
}
