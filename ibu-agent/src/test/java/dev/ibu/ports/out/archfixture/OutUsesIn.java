package dev.ibu.ports.out.archfixture;

import dev.ibu.ports.in.ReconcileCommand;

/** Test-only, deliberately bad: the driven SPI must not know the driving port. */
public final class OutUsesIn {
    public ReconcileCommand command;
}
