package dev.ibu.ports.out;

import io.vavr.control.Either;

/** Reads the Secret named by {@code spec.seedImageRef.pullSecretRef.name} in the agent's namespace. */
public interface PullSecretPort {
    /**
     * {@link PortFailure.NotFound} when the Secret or its {@code .dockerconfigjson} key is missing;
     * {@link PortFailure.Invalid} when the key does not hold one JSON object (naming the Secret and the key, never
     * quoting the content), so that Prep refuses it instead of the stateroot job failing later.
     */
    Either<PortFailure, PullSecret> read(String secretName);
}
