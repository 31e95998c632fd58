package dev.ibu.ports.testkit;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.SeedImagePort;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registry of seed images by pull spec. A private seed ({@link Seed#requiringAuth}) looks absent without a pull
 * secret (NotFound, as registries that hide private repositories answer) and is refused with a pull secret it does
 * not accept (Invalid).
 */
public final class InMemoryRegistry implements SeedImagePort {
    private final Faults faults;
    private final Map<String, Seed> seeds = new LinkedHashMap<>();

    public InMemoryRegistry(Faults faults) {
        this.faults = faults;
    }

    public synchronized InMemoryRegistry push(Seed seed) {
        seeds.put(seed.image(), seed);
        return this;
    }

    public synchronized InMemoryRegistry remove(String image) {
        seeds.remove(image);
        return this;
    }

    public synchronized Option<Seed> seed(String image) {
        return Option.of(seeds.get(image));
    }

    @Override
    public Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret) {
        return faults.guard(Op.SEED_INSPECT, () -> pull(image, pullSecret).map(Seed::info));
    }

    /** What a pull of {@code image} gives: the seed, or why not (shared with the host's stateroot setup). */
    synchronized Either<PortFailure, Seed> pull(String image, Option<PullSecret> pullSecret) {
        Seed seed = seeds.get(image);
        if (seed == null) {
            return Either.left(notFound(image));
        }
        if (seed.requiredAuth().isEmpty()) {
            return Either.right(seed);
        }
        if (pullSecret.isEmpty()) {
            return Either.left(notFound(image));
        }
        if (!seed.requiredAuth().get().equals(pullSecret.get().dockerConfigJson())) {
            return Either.left(PortFailure.invalid("unauthorized: pull secret " + pullSecret.get().secretName()
                    + " is not accepted for " + image + "; check spec.seedImageRef.pullSecretRef.name"));
        }
        return Either.right(seed);
    }

    private static PortFailure notFound(String image) {
        return PortFailure.notFound("seed image " + image + " not found (manifest unknown); check "
                + "spec.seedImageRef.image, and spec.seedImageRef.pullSecretRef.name for a private registry");
    }
}
