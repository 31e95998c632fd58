package dev.ibu.ports.out;

import io.vavr.control.Either;
import io.vavr.control.Option;

/** Seed images in a registry. */
public interface SeedImagePort {
    /** Reads the seed's labels without pulling it; NotFound when the image does not exist. */
    Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret);
}
