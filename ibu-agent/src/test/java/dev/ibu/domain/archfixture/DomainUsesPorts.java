package dev.ibu.domain.archfixture;

import dev.ibu.ports.archfixture.PortsPlain;

/** Test-only, deliberately bad: the domain must depend on nothing of ours. */
public final class DomainUsesPorts {
    public PortsPlain port;
}
