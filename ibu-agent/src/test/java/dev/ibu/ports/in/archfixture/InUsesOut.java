package dev.ibu.ports.in.archfixture;

import dev.ibu.ports.out.PortFailure;

/** Test-only, deliberately bad: the driving port must not know the driven SPI. */
public final class InUsesOut {
    public PortFailure failure;
}
