package dev.ibu.ports.out;

import dev.ibu.domain.ImageBasedUpgrade;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * State that survives the pivot, kept in a stateroot's {@code /var/lib/lca} (written atomically). The stateroot is
 * named explicitly: before the pivot the engine writes into the new one, and a copy into the original one.
 */
public interface StateStorePort {
    Either<PortFailure, Void> saveIbu(String stateroot, ImageBasedUpgrade ibu);

    Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String stateroot);

    Either<PortFailure, Void> deleteIbu(String stateroot);

    Either<PortFailure, Void> saveBundle(String stateroot, String name, ExportBundle bundle);

    Either<PortFailure, Option<ExportBundle>> loadBundle(String stateroot, String name);

    /** Deletes every bundle and the workspace of the stateroot (cleanup); absent ones are fine. */
    Either<PortFailure, Void> deleteBundles(String stateroot);
}
