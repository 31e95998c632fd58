package dev.ibu.ports.testkit;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.PrecacheStatus;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.util.function.Predicate;

/**
 * The in-memory precache job: pulls {@code perStep} images per step, writing its progress after each step. Its
 * record lives on the host, its runner in the agent: when the agent dies the runner dies ({@link #runnerDied()}) and
 * the job stops advancing; a resumed job ({@link #resume}) goes through its list again, counting images already in
 * the container storage as pulled without pulling them.
 */
final class PrecacheJob {
    static final String FAILED_MESSAGE = "failed to pre-cache one or more images";

    /** The container storage: whether an image is there, and a pull into it. */
    interface Storage {
        boolean has(String image);

        void pull(String image);
    }

    private final List<String> images;
    private final Predicate<String> lacksNodeArchitecture;
    private final Set<String> failing;
    private final boolean bestEffort;
    private final int perStep;
    private int done;
    private int pulled;
    private int failed;
    private int skipped;
    private boolean runnerAlive = true;
    private Predicate<String> skip = image -> false;
    private Option<PrecacheProgress> progress = Option.none();
    private JobState state = new JobState.Running("");

    /**
     * @param lacksNodeArchitecture images that are manifest lists without an entry for the node's architecture:
     *                              skipped, neither pulled nor failed (upstream PR 7318)
     */
    PrecacheJob(List<String> images, Predicate<String> lacksNodeArchitecture, Set<String> failing, boolean bestEffort,
                int perStep) {
        this.images = images;
        this.lacksNodeArchitecture = lacksNodeArchitecture;
        this.failing = failing;
        this.bestEffort = bestEffort;
        this.perStep = Math.max(1, perStep);
    }

    boolean running() {
        return state instanceof JobState.Running;
    }

    boolean orphaned() {
        return running() && !runnerAlive;
    }

    void step(Storage storage) {
        if (!running() || !runnerAlive) {
            return;
        }
        for (int i = 0; i < perStep && done < images.size(); i++) {
            String image = images.get(done);
            if (skip.test(image)) {
                pulled++;
            } else if (lacksNodeArchitecture.test(image)) {
                skipped++;
            } else if (failing.contains(image)) {
                failed++;
            } else {
                storage.pull(image);
                pulled++;
            }
            done++;
        }
        PrecacheProgress p = new PrecacheProgress(images.size(), pulled, failed, skipped);
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

    void runnerDied() {
        runnerAlive = false;
    }

    /** A new runner goes through the list again; images the storage has count as pulled and are not pulled. */
    void resume(Storage storage) {
        runnerAlive = true;
        done = 0;
        pulled = 0;
        failed = 0;
        skipped = 0;
        skip = storage::has;
    }

    PrecacheStatus status() {
        return new PrecacheStatus(state, progress);
    }
}
