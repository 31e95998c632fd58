package dev.ibu.ports.out;

import dev.ibu.domain.ImageBasedUpgrade;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The singleton ImageBasedUpgrade resource {@code upgrade}. */
public interface IbuResourcePort {
    /** Reads {@code upgrade} without a cache; none when it does not exist. */
    Either<PortFailure, Option<ImageBasedUpgrade>> read();

    /**
     * Creates the resource from {@code ibu} (spec, annotations, then its status), ignoring its resourceVersion; used
     * for the fresh {@code spec.stage: Idle} CR and to restore a CR saved across the pivot. Returns the stored object
     * (with its new resourceVersion and generation). {@link PortFailure.Conflict} when it already exists.
     */
    Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade ibu);

    /** Deletes {@code upgrade} (used before re-creating it from the state saved across the pivot). */
    Either<PortFailure, Void> delete();

    /**
     * Writes {@code ibu.status()} carrying {@code ibu.metadata().resourceVersion()}; a stale version gives
     * {@link PortFailure.Conflict}. Returns the stored object with its new resourceVersion.
     */
    Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade ibu);

    /** Sets (value non-empty) or removes (value none) one annotation; returns the stored object. */
    Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value);
}
