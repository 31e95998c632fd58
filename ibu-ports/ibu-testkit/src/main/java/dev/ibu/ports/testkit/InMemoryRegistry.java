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
 *
 * <p>Every image (seed or precached) is a single manifest built for {@code amd64} unless {@link #builtFor} or
 * {@link #manifestList} says otherwise; {@link #inspect} reports those architectures as the host adapter reads them
 * (the OCI config's, or each manifest list entry's). The node the seeds are for is {@code amd64} unless
 * {@link #nodeArchitecture(String)} says otherwise.
 */
public final class InMemoryRegistry implements SeedImagePort {
    public static final String DEFAULT_ARCHITECTURE = "amd64";

    /** How an image is published: one manifest for one architecture, or a manifest list. */
    public record Platforms(boolean manifestList, io.vavr.collection.List<String> architectures) {
    }

    private final Faults faults;
    private final Map<String, Seed> seeds = new LinkedHashMap<>();
    private final Map<String, Platforms> platforms = new LinkedHashMap<>();
    private String nodeArchitecture = DEFAULT_ARCHITECTURE;

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

    /** {@code image} (a seed or any other) is one manifest whose OCI config names {@code architecture}. */
    public synchronized InMemoryRegistry builtFor(String image, String architecture) {
        platforms.put(image, new Platforms(false, io.vavr.collection.List.of(architecture)));
        return this;
    }

    /** {@code image} is a manifest list (an OCI index) with one entry per architecture given. */
    public synchronized InMemoryRegistry manifestList(String image, String... architectures) {
        platforms.put(image, new Platforms(true, io.vavr.collection.List.of(architectures)));
        return this;
    }

    /** The node seeds are deployed on runs on {@code architecture} (a GOARCH name). */
    public synchronized InMemoryRegistry nodeArchitecture(String architecture) {
        nodeArchitecture = architecture;
        return this;
    }

    /** How {@code image} is published (a single amd64 manifest unless set). */
    public synchronized Platforms platforms(String image) {
        return platforms.getOrDefault(image, new Platforms(false, io.vavr.collection.List.of(DEFAULT_ARCHITECTURE)));
    }

    /**
     * Whether a pull of {@code image} on the node finds nothing to pull: a manifest list without an entry for the
     * node's architecture (precache skips it). A single manifest of another architecture is pulled, as podman does.
     */
    synchronized boolean lacksNodeArchitecture(String image) {
        Platforms p = platforms(image);
        return p.manifestList() && !p.architectures().contains(nodeArchitecture);
    }

    @Override
    public Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret) {
        return faults.guard(Op.SEED_INSPECT, () -> pull(image, pullSecret)
                .map(seed -> seed.info().withArchitectures(platforms(image).architectures())));
    }

    @Override
    public Either<PortFailure, String> nodeArchitecture() {
        return faults.guard(Op.SEED_NODE_ARCHITECTURE, () -> {
            synchronized (this) {
                return Either.right(nodeArchitecture);
            }
        });
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
