package dev.ibu.ports.out;

import io.vavr.control.Either;

/** ostree stateroots on the host. */
public interface StaterootPort {
    /** The deployments, which one is booted and which is the default. */
    Either<PortFailure, HostStatus> status();

    /**
     * Starts the stateroot setup job in the background and returns at once. Starting it again while it runs or after
     * it succeeded is a no-op; after a failure it starts over from a clean slate.
     */
    Either<PortFailure, Void> startSetup(StaterootSetup setup);

    /** The setup job's state for {@code staterootName}; NotStarted when there is no record of it. */
    Either<PortFailure, JobState> setupState(String staterootName);

    /** Makes the stateroot's newest deployment the default for the next boot. */
    Either<PortFailure, Void> setDefault(String staterootName);

    /**
     * Undeploys every deployment of the stateroot and deletes its directory, and forgets its setup job. Refuses the
     * booted stateroot with {@link PortFailure.Invalid}; removing an absent stateroot succeeds.
     */
    Either<PortFailure, Void> remove(String staterootName);
}
