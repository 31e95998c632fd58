package dev.ibu.agent.local.sim;

import java.util.EnumSet;
import java.util.Set;

/** Which steps fail ({@code --fail}), until the rehearsal's "person" fixes them by hand. Thread-safe. */
public final class SimFaults {
    private final Set<FailStep> active = EnumSet.noneOf(FailStep.class);
    private final Set<FailStep> fired = EnumSet.noneOf(FailStep.class);

    public SimFaults(Set<FailStep> failing) {
        active.addAll(failing);
    }

    public synchronized boolean active(FailStep step) {
        return active.contains(step);
    }

    /** Records that the failure happened (the rehearsal prints it and knows what to fix). */
    public synchronized void fired(FailStep step) {
        fired.add(step);
    }

    public synchronized boolean failed(FailStep step) {
        return fired.contains(step);
    }

    /** The manual fix: the step works from now on. */
    public synchronized void fix(FailStep step) {
        active.remove(step);
    }
}
