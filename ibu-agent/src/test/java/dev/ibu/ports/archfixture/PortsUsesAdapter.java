package dev.ibu.ports.archfixture;

import dev.ibu.adapters.k8s.archfixture.K8sPlain;

/** Test-only, deliberately bad: ports depend on the domain only. */
public final class PortsUsesAdapter {
    public K8sPlain adapter;
}
