package dev.ibu.ports.testkit;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.StaterootSetup;

/**
 * The in-memory stateroot setup job: counts down its steps, then the host decides how it ends. Its record lives on
 * the host; its runner lives in the agent: when the agent dies the runner dies with it ({@link #runnerDied()}), the
 * job stops advancing and stays Running until a port call resumes it ({@link #resume()}), as the host adapter does.
 */
final class SetupJob {
    final StaterootSetup setup;
    final Pacing pacing;
    private int remaining;
    private boolean runnerAlive = true;
    private int runners = 1;
    JobState state = new JobState.Running("");

    SetupJob(StaterootSetup setup, Pacing pacing) {
        this.setup = setup;
        this.pacing = pacing;
        this.remaining = pacing.steps();
    }

    boolean running() {
        return state instanceof JobState.Running;
    }

    /** Running, but nothing advances it: its runner died with an agent. */
    boolean orphaned() {
        return running() && !runnerAlive;
    }

    /** True once the first step was taken (the real setup has made the stateroot's directory by then). */
    boolean started() {
        return remaining < pacing.steps();
    }

    /** One step; true when this step used up the last one (the job must now finish). */
    boolean step() {
        if (!running() || !runnerAlive) {
            return false;
        }
        remaining = Math.max(0, remaining - 1);
        return remaining == 0;
    }

    boolean due() {
        return running() && runnerAlive && remaining == 0;
    }

    void runnerDied() {
        runnerAlive = false;
    }

    /** A new runner starts the work over (the host has removed what the dead one left half made). */
    void resume() {
        runnerAlive = true;
        runners++;
        remaining = pacing.steps();
    }

    /** How many runners worked on this job: 1, plus one per resume. */
    int runners() {
        return runners;
    }
}
