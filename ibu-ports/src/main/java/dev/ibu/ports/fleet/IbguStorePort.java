package dev.ibu.ports.fleet;

import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The ImageBasedGroupUpgrade resources on the hub. */
public interface IbguStorePort {
    /** Reads one IBGU; none when it does not exist. A malformed IBGU is {@link PortFailure.Invalid}, naming the field. */
    Either<PortFailure, Option<StoredIbgu>> read(IbguRef ref);

    /**
     * Writes {@code status} carrying {@code resourceVersion}; a stale version gives {@link PortFailure.Conflict}
     * (read again and redecide, never overwrite). Returns the new resourceVersion.
     */
    Either<PortFailure, String> writeStatus(IbguRef ref, String resourceVersion, HubStatus status);
}
