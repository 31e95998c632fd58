package dev.ibu.codec.archfixture;

/** Test-only, deliberately bad: the codec may use the domain, vavr, Jackson and the CRD annotations only. */
public final class CodecUsesFabric8Client {
    public io.fabric8.kubernetes.client.KubernetesClient client;
}
