package dev.ibu.ports.out;

import io.vavr.control.Either;

/** Reads the Secret named by {@code spec.seedImageRef.pullSecretRef.name} in the agent's namespace. */
public interface PullSecretPort {
    /** {@link PortFailure.NotFound} when the Secret or its {@code .dockerconfigjson} key is missing. */
    Either<PortFailure, PullSecret> read(String secretName);
}
