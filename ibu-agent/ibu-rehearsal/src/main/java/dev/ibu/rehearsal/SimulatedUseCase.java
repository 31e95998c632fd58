package dev.ibu.rehearsal;

import dev.ibu.rehearsal.sim.FailStep;
import dev.ibu.domain.Annotations;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * The simulated agent behind the driving port, so that {@code local --serve} runs {@code run}'s own controller
 * (informer, queue, backoff): each requeue interval the engine asks for moves the simulated clock instead, and the
 * controller is asked to come back after {@code pace} of real time. A reboot happens at once (new engine,
 * {@code initialize()}); a 5-minute wait (AbortFailed/FinalizeFailed) ends the pass until someone changes the CR.
 */
final class SimulatedUseCase implements ReconcileUpgradeUseCase {
    private static final Duration WAITING_FOR_A_PERSON = Duration.ofMinutes(5);

    private final SimulatedAgent agent;
    private final SimWorld world;
    private final Duration pace;

    SimulatedUseCase(SimulatedAgent agent, SimWorld world, Duration pace) {
        this.agent = agent;
        this.world = world;
        this.pace = pace;
    }

    @Override
    public ReconcileResult initialize() {
        return agent.start();
    }

    @Override
    public ReconcileResult reconcile(ReconcileCommand command) {
        boolean cleanedUp = world.ports.resource().read().getOrElse(Option.none())
                .exists(i -> i.metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE));
        if (cleanedUp) {
            // the annotation says "I cleaned up by hand": the simulated leftovers are gone
            world.fix(FailStep.ABORT);
            world.fix(FailStep.CLEANUP);
        }
        ReconcileResult r = agent.reconcileOnce(command.reconcileId());
        if (agent.rebootIfAsked()) {
            return ReconcileResult.after(pace, "rebooted");
        }
        if (r.error().isDefined() || r.requeueAfter().isEmpty()) {
            return r;
        }
        Duration after = r.requeueAfter().get();
        if (after.compareTo(WAITING_FOR_A_PERSON) >= 0) {
            return ReconcileResult.done(r.summary() + " (waiting for a person)");
        }
        world.advance(after);
        return ReconcileResult.after(pace, r.summary());
    }

    @Override
    public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        if (agent.ownRestore()) {
            return ReconcileResult.done("the agent's own restore after the reboot");
        }
        return agent.deleted(lastSeen);
    }
}
