package dev.ibu.ports.engine;

import dev.ibu.domain.Stage;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.InMemoryHostBoot;
import dev.ibu.ports.testkit.TestWorld;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One run of a scenario on a fresh world, the agent killed where the plan says. After a kill a fresh agent (a new
 * {@link UpgradeEngine} that runs {@code initialize()}, through {@link EngineHarness#restartAgent()}) carries on
 * with the same script step, on the same world.
 *
 * <p>Model of a power loss ({@link CrashPlan.Mode#POWER_LOSS}): the port call's effect is done and its result lost,
 * as for a kill; in addition the node reboots into its default deployment ({@link TestWorld#powerCycle()}): every
 * in-JVM thing is gone (the engine and whatever it held, the jobs' runners inside the agent), a reboot fails the
 * Prep job that was running (upstream's job pods die with the node, spec stage-machine §4.2), the init monitor is
 * re-armed in a stateroot that has it, and the API server comes back with the node: the new agent's first read of
 * the CR is refused (its start-up is retried, as the agent's controller does). What survives is what is durable:
 * the API server's objects (etcd), Velero's objects and backups, the ostree deployments and the default, and the
 * files the state store wrote (its writes are atomic and complete when the call returns). Files written but not
 * fsynced are out of scope for the in-memory world (the real-ostree lab's kill -9 tests cover the host side).
 * Not modelled (an open point): Velero marks the Backups and Restores it finds InProgress at its server's start
 * Failed (velero PR 4966), so with the real Velero a power loss during backups fails the Upgrade, and one during
 * the restores rolls it back.
 *
 * <p>A power loss while a Prep job runs fails Prep with the message {@link InMemoryHostBoot#INTERRUPTED}, which
 * tells the administrator to go to Idle and start Prep again: the run does exactly that (counted as a recovery), and
 * must then reach the same end state. A recovery after a plain kill is a wrong point: a restart of the agent must
 * not fail Prep.
 */
final class CrashRun {
    final CrashScenario scenario;
    final TestWorld world;
    final CrashPlan plan;
    final EngineHarness h;
    /** Set when the script annotates manual-cleanup-done; cleared once the status shows the retry was taken. */
    boolean annotationAwaitingTake;
    int recoveries;
    /** Restore violations already judged (see {@link CrashInvariants}). */
    int violationsSeen;
    /** Start-ups of an agent that failed and were retried. */
    int startRetries;
    /** More would mean the recovery itself does not work. */
    static final int MAX_RECOVERIES = 2;
    /** Start-up attempts of one agent; more would mean it never starts. */
    static final int MAX_STARTS = 5;
    private final java.util.List<String> log = new java.util.ArrayList<>();

    CrashRun(CrashScenario scenario, Function<Runnable, CrashPlan> plan, UnaryOperator<EnginePorts> mutant) {
        this.scenario = scenario;
        this.world = CrashScenario.world();
        this.plan = plan.apply(() -> CrashInvariants.check(this, "after a port call"));
        // the mutant (a canary) sits between the engine and the plan: the calls it makes are counted and killed at
        this.h = new EngineHarness(world, p -> mutant.apply(this.plan.wrap(p)));
    }

    /**
     * The given state without kills, then the script with them. Returns the state the administrator sees after each
     * step of the script that is a checkpoint ({@code null} after the other steps, and after a step that leaves a
     * reboot pending: a power loss legitimately does that reboot sooner), the last one being the end state.
     */
    java.util.List<EndState> play() {
        scenario.given.accept(this);
        plan.arm();
        java.util.List<EndState> checkpoints = new java.util.ArrayList<>();
        for (CrashScenario.Step step : scenario.script) {
            run(step);
            if (step.crashable()) {
                recoverAnInterruptedPrep();
            }
            checkpoints.add(!step.checkpoint() || world.host().rebootPending() ? null : EndState.of(world));
        }
        return checkpoints;
    }

    private void run(CrashScenario.Step step) {
        if (step.crashable()) {
            runUntilDone(step);
        } else {
            step.body().accept(this);
        }
        CrashInvariants.check(this, "after step '" + step + "'");
    }

    /** The administrator does what the message says: Idle, then Prep again. */
    private void recoverAnInterruptedPrep() {
        while (prepInterruptedByAReboot()) {
            if (recoveries == MAX_RECOVERIES) {
                throw new AssertionError("Prep still interrupted after " + recoveries + " restarts of Prep");
            }
            recoveries++;
            log.add("Prep interrupted by a reboot: Idle, then Prep again");
            run(CrashScenario.Step.request(Stage.IDLE));
            run(CrashScenario.Step.settle());
            run(CrashScenario.Step.requestPrep());
            run(CrashScenario.Step.settle());
        }
    }

    /** What happened in this run beyond the script: kills, restarts, recoveries. */
    List<String> log() {
        return log;
    }

    private void runUntilDone(CrashScenario.Step step) {
        while (true) {
            try {
                step.body().accept(this);
                return;
            } catch (AgentKilled k) {
                died(k);
            }
        }
    }

    /** The agent died: the node too on a power loss; then a fresh agent starts (and may die again). */
    private void died(AgentKilled k) {
        AgentKilled death = k;
        while (true) {
            log.add(death.getMessage());
            CrashInvariants.check(this, "when the agent died (" + death.getMessage() + ")");
            if (death.powerLost()) {
                log.add("node power-cycled, booted " + world.powerCycle());
                CrashInvariants.check(this, "after the power came back");
                // the API server starts with the node: the agent's first read of the CR is refused
                world.faults().failOnce(Op.IBU_READ, PortFailure.transientFailure("connection refused: the API "
                        + "server is starting"));
            }
            try {
                startAgent();
                return;
            } catch (AgentKilled again) {
                death = again;
            }
        }
    }

    /** A new agent: its start-up is retried until it succeeds, as the agent's controller does (with backoff). */
    private void startAgent() {
        for (int i = 0; h.restartAgent().error().isDefined(); i++) {
            if (i == MAX_STARTS) {
                throw new AssertionError("the agent's start-up still fails after " + i + " attempts");
            }
            log.add("start-up failed, retried");
            startRetries++;
            world.tick(EngineHarness.BACKOFF);
        }
    }

    private boolean prepInterruptedByAReboot() {
        return world.cluster().ibu().exists(i -> Snapshot.last(i).startsWith("PrepInProgress False Failed")
                && Snapshot.last(i).contains(InMemoryHostBoot.INTERRUPTED));
    }
}
