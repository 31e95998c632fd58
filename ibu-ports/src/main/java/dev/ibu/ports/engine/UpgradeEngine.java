package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Transition;
import dev.ibu.domain.TransitionStep;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * The upgrade engine: observe through ports, decide in the domain, act, persist (stage-machine.md §3.1). Every pass
 * reads the world afresh, so a pass that is repeated, or interrupted at any point and run again, reaches the same
 * result.
 */
public final class UpgradeEngine implements ReconcileUpgradeUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeEngine.class);

    private final EnginePorts ports;
    private final EngineSettings settings;

    public UpgradeEngine(EnginePorts ports, EngineSettings settings) {
        this.ports = ports;
        this.settings = settings;
    }

    public UpgradeEngine(EnginePorts ports) {
        this(ports, EngineSettings.DEFAULT);
    }

    @Override
    public ReconcileResult initialize() {
        return InitIbu.run(ports);
    }

    @Override
    public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        if (!Metadata.SINGLETON_NAME.equals(lastSeen.metadata().name())) {
            return ReconcileResult.done("ignored: not the singleton");
        }
        var c = lastSeen.status().conditions();
        boolean idle = ConditionPredicates.completed(c, Stage.IDLE) || c.isEmpty();
        boolean rollbackFailed = ConditionPredicates.failed(c, Stage.ROLLBACK);
        Either<PortFailure, HostStatus> host = ports.stateroots().status();
        if (host.isLeft()) {
            return Results.error(host.getLeft());
        }
        Option<String> booted = host.get().bootedStateroot();
        if (idle || rollbackFailed || booted.isEmpty()) {
            booted.forEach(b -> ports.stateStore().deleteIbu(b));
            LOG.info("the ImageBasedUpgrade was deleted while {}: a fresh one replaces it",
                    idle ? "Idle" : "Rollback failed");
            return InitIbu.run(ports);
        }
        Either<PortFailure, Void> saved = ports.stateStore().saveIbu(booted.get(), lastSeen);
        if (saved.isLeft()) {
            return Results.error(saved.getLeft());
        }
        LOG.warn("the ImageBasedUpgrade was deleted mid-upgrade: restoring it (set spec.stage to Idle to end the "
                + "upgrade instead)");
        ports.events().emit(EventPort.Type.WARNING, "Restored", "The ImageBasedUpgrade cannot be deleted while an "
                + "upgrade is in progress; it was restored. Set spec.stage to Idle to abort or finalize.");
        return InitIbu.restoreNow(ports, booted.get(), lastSeen);
    }

    @Override
    public ReconcileResult reconcile(ReconcileCommand command) {
        if (!Metadata.SINGLETON_NAME.equals(command.name())) {
            LOG.error("ignoring ImageBasedUpgrade {}: the IBU is a singleton named 'upgrade'", command.name());
            return ReconcileResult.done("ignored: not the singleton");
        }
        Either<PortFailure, Option<ImageBasedUpgrade>> read = ports.resource().read();
        if (read.isLeft()) {
            return ReconcileResult.after(Requeue.SHORT, "read failed: " + read.getLeft().message());
        }
        if (read.get().isEmpty()) {
            return InitIbu.run(ports);
        }
        Either<PortFailure, HostStatus> host = ports.stateroots().status();
        if (host.isLeft()) {
            return Results.error(host.getLeft());
        }
        Instant now = ports.clock().now();
        Pass pass = new Pass(ports, settings, read.get().get(), host.get(), now);
        try {
            return run(pass);
        } catch (StopPass stop) {
            if (stop.result.error().isDefined()) {
                persistAfterError(pass);
            }
            return stop.result;
        }
    }

    private ReconcileResult run(Pass pass) {
        TransitionStep step = TransitionStep.decide(pass.ibu(), pass.isAfterPivot(), pass.now);
        if (step.transitionRequested()) {
            Transition t = step.transition().get();
            if (t instanceof Transition.Rejected r) {
                announceRejected(pass, step, r);
            }
            pass.update(c -> t.conditions());
            if (t instanceof Transition.Accepted a) {
                announceAccepted(a);
                pass.persist();
            }
        }
        Option<Stage> running = ConditionPredicates.inProgressStage(pass.conditions());
        ReconcileResult result = ReconcileResult.done("nothing in progress");
        if (running.isDefined()) {
            Stage spec = pass.ibu().spec().stage();
            pass.updateHistory(h -> History.beforeHandler(h, spec, pass.now));
            result = handlerFor(running.get()).handle(pass);
        }
        pass.persist();
        return result;
    }

    /** Spec §3.1: on a handler error the status is still written (best effort); the error is what is returned. */
    private static void persistAfterError(Pass pass) {
        try {
            pass.persist();
        } catch (StopPass again) {
            LOG.warn("status not written after an error: {}", again.result.summary());
        }
    }

    private StageHandler handlerFor(Stage stage) {
        if (stage == Stage.IDLE) {
            return new IdleHandler();
        }
        if (stage == Stage.PREP) {
            return new PrepHandler();
        }
        if (stage == Stage.UPGRADE) {
            return new UpgradeHandler();
        }
        return new RollbackHandler();
    }

    private void announceAccepted(Transition.Accepted a) {
        String what = a.idleOutcome() == Transition.IdleOutcome.NOT_IDLE ? a.requested().wireName()
                : "Idle (" + a.idleOutcome().name().toLowerCase(java.util.Locale.ROOT) + ")";
        LOG.info("transition to {} accepted", what);
        ports.events().emit(EventPort.Type.NORMAL, "TransitionAccepted", "Stage transition to " + what + " accepted");
    }

    /** Called before the rejection is written: upstream re-evaluates it every pass; people hear of it once. */
    private void announceRejected(Pass pass, TransitionStep step, Transition.Rejected r) {
        boolean alreadyShown = pass.conditions().items().exists(c ->
                c.type().equals(r.requested().inProgressType()) && c.message().equals(r.message())
                        && c.reason().equals(dev.ibu.domain.Reasons.INVALID_TRANSITION));
        if (!alreadyShown) {
            LOG.info("transition to {} rejected: {}", r.requested(), r.message());
            ports.events().emit(EventPort.Type.WARNING, "InvalidTransition", "Stage transition to "
                    + r.requested() + " rejected: " + r.message() + "; valid next stages: "
                    + step.validNextStagesBefore().mkString(", "));
        }
    }

    static Duration zero() {
        return Duration.ZERO;
    }
}
