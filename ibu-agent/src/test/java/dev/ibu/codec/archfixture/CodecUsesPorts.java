package dev.ibu.codec.archfixture;

/** Test-only, deliberately bad: the codec sits beside the domain and knows nothing of the ports. */
public final class CodecUsesPorts {
    public dev.ibu.ports.out.PortFailure failure;
}
