package dev.ibu.ports.out;

import io.vavr.control.Either;

/**
 * ostree stateroots on the host.
 *
 * <p><b>The setup job outlives the agent.</b> Its record lives on the host, not in the agent's memory, and the agent
 * may be killed at any moment of the setup (OOM, eviction, a new leader, a crash). Then the job
 * either keeps running outside the agent, or, when its runner died with the agent, the next {@link #setupState} or
 * {@link #startSetup} call of any agent on the same host resumes it from where it stands: what the dead runner left
 * half made (a partial stateroot directory or deployment) is removed first, and completed work may be reused (the
 * pulled seed). Meanwhile the job reads {@link JobState.Running}, never {@link JobState.Failed}: Failed means the
 * setup's own work failed (a wrong seed, a full disk), and stays Failed across restarts until {@link #startSetup}
 * starts over or {@link #remove} forgets it. A Succeeded job stays Succeeded across restarts and is not redone. A
 * reboot of the node is not an agent restart: it fails a running job (upstream: the job pod dies, backoffLimit 0), and
 * Prep must then be aborted and started again.
 */
public interface StaterootPort {
    /** The deployments, which one is booted and which is the default. */
    Either<PortFailure, HostStatus> status();

    /**
     * Starts the stateroot setup job in the background and returns at once. Starting it again while it runs or after
     * it succeeded is a no-op (a job whose runner died with an earlier agent is resumed, see above); after a failure,
     * or with no record of the job, it starts over from a clean slate: a leftover stateroot of that name is removed.
     */
    Either<PortFailure, Void> startSetup(StaterootSetup setup);

    /**
     * The setup job's state for {@code staterootName}; NotStarted when there is no record of it. Resumes the job when
     * its runner died with an earlier agent, and reports it Running.
     */
    Either<PortFailure, JobState> setupState(String staterootName);

    /** Makes the stateroot's newest deployment the default for the next boot. */
    Either<PortFailure, Void> setDefault(String staterootName);

    /**
     * Undeploys every deployment of the stateroot and deletes its directory, and forgets its setup job. Refuses the
     * booted stateroot with {@link PortFailure.Invalid}; removing an absent stateroot succeeds.
     */
    Either<PortFailure, Void> remove(String staterootName);
}
