package dev.ibu.ports.out;

import io.vavr.control.Either;
import io.vavr.control.Option;

/** Seed images in a registry, and the node they are for. */
public interface SeedImagePort {
    /**
     * Reads the seed's labels and architectures without pulling it; NotFound when the image does not exist. For a
     * manifest list, the labels are those of the node's architecture's entry (of the first entry when it has none).
     */
    Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret);

    /**
     * The CPU architecture of the node seeds are deployed on, as a GOARCH name ({@code amd64}, {@code arm64},
     * {@code ppc64le}, {@code s390x}): what a seed must be built for.
     */
    Either<PortFailure, String> nodeArchitecture();
}
