package dev.ibu.ports.out;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Pulls the container images the new release needs into the shared container storage before the pivot.
 *
 * <p><b>The job outlives the agent</b>, as {@link StaterootPort}'s setup does: its record lives on the host, and when
 * its runner died with the agent (killed, evicted, restarted), the next {@link #status} or {@link #start}
 * call of any agent on the same host resumes it from where it stands: images already in the container storage are
 * not pulled again (and count as pulled), only the missing ones are. Meanwhile it reads {@link JobState.Running},
 * never {@link JobState.Failed}; Failed means images could not be pulled (or no space), and stays Failed across
 * restarts until {@link #cleanup}. A reboot of the node fails a running job, as it fails the setup.
 */
public interface PrecachePort {
    /**
     * Starts the precache job in the background for the images the seed in {@code staterootName} lists, plus
     * {@code extraImages}. A no-op when it runs or succeeded already (a job whose runner died is resumed).
     */
    Either<PortFailure, Void> start(String staterootName, List<String> extraImages, Option<PullSecret> pullSecret);

    /** The job's state and counts; resumes the job when its runner died with an earlier agent (reported Running). */
    Either<PortFailure, PrecacheStatus> status();

    /** Forgets the job and deletes its progress file; the pulled images stay. */
    Either<PortFailure, Void> cleanup();
}
