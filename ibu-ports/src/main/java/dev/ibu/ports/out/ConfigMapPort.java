package dev.ibu.ports.out;

import dev.ibu.domain.ConfigMapRef;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Reads the ConfigMaps that {@code spec.extraManifests} and {@code spec.oadpContent} name. */
public interface ConfigMapPort {
    /**
     * Reads each distinct ConfigMap once, in the order first named. A missing one is
     * {@link PortFailure.NotFound} naming {@code namespace/name} and the spec field to fix.
     */
    Either<PortFailure, List<ConfigMapData>> read(List<ConfigMapRef> refs);
}
