package dev.ibu.ports.testkit;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.PrecacheStatus;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/** The in-memory precache job: pulls {@code perStep} images per step, writing its progress after each step. */
final class PrecacheJob {
    static final String FAILED_MESSAGE = "failed to pre-cache one or more images";

    private final List<String> images;
    private final Set<String> failing;
    private final boolean bestEffort;
    private final int perStep;
    private int done;
    private int failed;
    private Option<PrecacheProgress> progress = Option.none();
    private JobState state = new JobState.Running("");

    PrecacheJob(List<String> images, Set<String> failing, boolean bestEffort, int perStep) {
        this.images = images;
        this.failing = failing;
        this.bestEffort = bestEffort;
        this.perStep = Math.max(1, perStep);
    }

    boolean running() {
        return state instanceof JobState.Running;
    }

    void step() {
        if (!running()) {
            return;
        }
        for (int i = 0; i < perStep && done < images.size(); i++) {
            if (failing.contains(images.get(done))) {
                failed++;
            }
            done++;
        }
        PrecacheProgress p = new PrecacheProgress(images.size(), done - failed, failed);
        progress = Option.some(p);
        if (done == images.size()) {
            state = failed > 0 && !bestEffort ? new JobState.Failed(FAILED_MESSAGE) : new JobState.Succeeded();
        } else {
            state = new JobState.Running(p.message());
        }
    }

    void interrupt(String why) {
        if (running()) {
            state = new JobState.Failed(why);
        }
    }

    PrecacheStatus status() {
        return new PrecacheStatus(state, progress);
    }
}
