package dev.ibu.adapters.k8s.archfixture;

import dev.ibu.adapters.host.archfixture.HostPlain;

/** Test-only, deliberately bad: one adapter must not know another. */
public final class K8sUsesHost {
    public HostPlain host;
}
