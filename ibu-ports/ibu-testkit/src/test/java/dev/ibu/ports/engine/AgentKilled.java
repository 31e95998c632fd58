package dev.ibu.ports.engine;

/**
 * The agent's process died at a port call: nothing after this point of the pass happens. An {@link Error}, not an
 * exception, so that no {@code catch (RuntimeException)} in the engine could ever swallow a death.
 */
final class AgentKilled extends Error {
    private final CrashPlan.Mode mode;
    private final String call;

    AgentKilled(CrashPlan.Mode mode, String call) {
        super(mode + " at " + call, null, false, false);
        this.mode = mode;
        this.call = call;
    }

    CrashPlan.Mode mode() {
        return mode;
    }

    /** The port call the agent died at, e.g. {@code StaterootPort.setDefault(rhcos_4.15.2)}. */
    String call() {
        return call;
    }

    boolean powerLost() {
        return mode == CrashPlan.Mode.POWER_LOSS;
    }
}
