package dev.ibu.agent.local.sim;

import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.PullSecret;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/** A precache job pulling {@link #IMAGES} images, one every {@link #PER_IMAGE} of simulated time. */
public final class SimPrecache implements PrecachePort {
    static final int IMAGES = 120;
    static final Duration PER_IMAGE = Duration.ofSeconds(1);

    private final ClockPort clock;
    private final SimFaults faults;
    private Instant started;

    public SimPrecache(ClockPort clock, SimFaults faults) {
        this.clock = clock;
        this.faults = faults;
    }

    @Override
    public synchronized Either<PortFailure, Void> start(String staterootName, List<String> extraImages,
            Option<PullSecret> pullSecret) {
        if (started == null) {
            started = clock.now();
        }
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, PrecacheStatus> status() {
        if (started == null) {
            return Either.right(new PrecacheStatus(new JobState.NotStarted(), Option.none()));
        }
        long done = Duration.between(started, clock.now()).toSeconds() / PER_IMAGE.toSeconds();
        int failed = faults.active(FailStep.PRECACHE) ? 1 : 0;
        int pulled = (int) Math.min(IMAGES - failed, done);
        PrecacheProgress progress = new PrecacheProgress(IMAGES, pulled, pulled + failed >= IMAGES ? failed : 0);
        if (pulled + failed < IMAGES) {
            return Either.right(new PrecacheStatus(new JobState.Running(progress.message()), Option.some(progress)));
        }
        if (failed > 0) {
            faults.fired(FailStep.PRECACHE);
            return Either.right(new PrecacheStatus(new JobState.Failed("failed to pull 1 image: "
                    + "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0123 (simulated by --fail=precache); "
                    + progress.message()), Option.some(progress)));
        }
        return Either.right(new PrecacheStatus(new JobState.Succeeded(), Option.some(progress)));
    }

    @Override
    public synchronized Either<PortFailure, Void> cleanup() {
        started = null;
        return Either.right(null);
    }
}
