package dev.ibu.ports.out;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Pulls the container images the new release needs into the shared container storage before the pivot. */
public interface PrecachePort {
    /**
     * Starts the precache job in the background for the images the seed in {@code staterootName} lists, plus
     * {@code extraImages}. A no-op when it runs or succeeded already.
     */
    Either<PortFailure, Void> start(String staterootName, List<String> extraImages, Option<PullSecret> pullSecret);

    Either<PortFailure, PrecacheStatus> status();

    /** Forgets the job and deletes its progress file; the pulled images stay. */
    Either<PortFailure, Void> cleanup();
}
