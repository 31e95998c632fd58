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
     * Starts the precache job in the background: first the container-storage cleanup of {@code request.cleanup()}
     * (unused images only: never one the container runtime reports in use or pinned; when the runtime cannot say
     * which are, nothing is removed), then the pulls of the images the seed in {@code request.staterootName()} lists
     * plus {@code request.extraImages()}. An image that is a manifest list with no entry for the node's architecture
     * is skipped (counted in {@link PrecacheProgress#skipped()}), not failed. A no-op when the job runs or succeeded
     * already (a job whose runner died is resumed with the request it was started with).
     */
    Either<PortFailure, Void> start(PrecacheRequest request);

    /** {@link #start(PrecacheRequest)} with the default cleanup. */
    default Either<PortFailure, Void> start(String staterootName, List<String> extraImages,
                                            Option<PullSecret> pullSecret) {
        return start(PrecacheRequest.of(staterootName, extraImages, pullSecret));
    }

    /** The job's state and counts; resumes the job when its runner died with an earlier agent (reported Running). */
    Either<PortFailure, PrecacheStatus> status();

    /** Forgets the job and deletes its progress file; the pulled images stay. */
    Either<PortFailure, Void> cleanup();
}
