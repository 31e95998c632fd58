package dev.ibu.adapters.k8s.archfixture;

/** Test-only clean k8s adapter class. */
public final class K8sPlain {
}
