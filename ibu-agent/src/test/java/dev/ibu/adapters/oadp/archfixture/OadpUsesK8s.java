package dev.ibu.adapters.oadp.archfixture;

import dev.ibu.adapters.k8s.archfixture.K8sPlain;

/** Test-only, deliberately bad: oadp must not use the k8s adapter (sibling adapters). */
public final class OadpUsesK8s {
    public K8sPlain k8s;
}
