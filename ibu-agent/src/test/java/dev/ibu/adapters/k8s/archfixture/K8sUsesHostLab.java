package dev.ibu.adapters.k8s.archfixture;

import dev.ibu.adapters.host.lab.LabSysroot;

/** Test-only, deliberately bad: production code must not use the host lab (a test fixture). */
public final class K8sUsesHostLab {
    public LabSysroot sysroot;
}
