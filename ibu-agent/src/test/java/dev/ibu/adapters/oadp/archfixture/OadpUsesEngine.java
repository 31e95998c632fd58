package dev.ibu.adapters.oadp.archfixture;

import dev.ibu.ports.engine.EnginePorts;

/** Test-only, deliberately bad: an adapter implements the SPI and must not use the engine. */
public final class OadpUsesEngine {
    public EnginePorts ports;
}
