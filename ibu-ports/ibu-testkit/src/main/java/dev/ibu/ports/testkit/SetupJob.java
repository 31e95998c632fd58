package dev.ibu.ports.testkit;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.StaterootSetup;

/** The in-memory stateroot setup job: counts down its steps, then the host decides how it ends. */
final class SetupJob {
    final StaterootSetup setup;
    final Pacing pacing;
    private int remaining;
    JobState state = new JobState.Running("");

    SetupJob(StaterootSetup setup, Pacing pacing) {
        this.setup = setup;
        this.pacing = pacing;
        this.remaining = pacing.steps();
    }

    boolean running() {
        return state instanceof JobState.Running;
    }

    /** One step; true when this step used up the last one (the job must now finish). */
    boolean step() {
        if (!running()) {
            return false;
        }
        remaining = Math.max(0, remaining - 1);
        return remaining == 0;
    }

    boolean due() {
        return running() && remaining == 0;
    }
}
