package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.History;
import dev.ibu.domain.IgnoredRequest;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Setters;
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
        try (ReconcileLogContext ignored = ReconcileLogContext.enter("")) {
            return InitIbu.run(ports);
        }
    }

    @Override
    public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        try (ReconcileLogContext ignored = ReconcileLogContext.enter("")) {
            return Deletion.handle(ports, lastSeen);
        }
    }

    @Override
    public ReconcileResult reconcile(ReconcileCommand command) {
        try (ReconcileLogContext ignored = ReconcileLogContext.enter(command.reconcileId())) {
            return reconcileOnce(command);
        }
    }

    private ReconcileResult reconcileOnce(ReconcileCommand command) {
        if (!Metadata.SINGLETON_NAME.equals(command.name())) {
            LOG.error("ignoring ImageBasedUpgrade {}: the IBU is a singleton named 'upgrade'", command.name());
            return ReconcileResult.done("ignored: not the singleton");
        }
        Either<PortFailure, Option<ImageBasedUpgrade>> read = ports.resource().read();
        if (read.isLeft()) {
            return Outcome.withoutStatus(FailurePolicy.outsideStage(read.getLeft()));
        }
        if (read.get().isEmpty()) {
            return InitIbu.run(ports);
        }
        Either<PortFailure, HostStatus> host = ports.stateroots().status();
        if (host.isLeft()) {
            return Outcome.withoutStatus(FailurePolicy.outsideStage(host.getLeft()));
        }
        Pass pass = new Pass(ports, settings, read.get().get(), host.get(), ports.clock().now());
        return Outcome.finish(pass, run(pass));
    }

    /** Spec §3.1 steps 5 to 7: decide the requested transition, then run the handler of the stage in progress. */
    private Step run(Pass pass) {
        TransitionStep step = TransitionStep.decide(pass.ibu(), pass.isAfterPivot(), pass.now);
        if (step.transitionRequested()) {
            Transition t = step.transition().get();
            if (t instanceof Transition.Rejected r) {
                announceRejected(pass, step, r);
            }
            pass.update(c -> t.conditions());
            if (t instanceof Transition.Accepted a) {
                announceAccepted(a);
                Step written = pass.persist();
                if (!written.proceeds()) {
                    return written;
                }
            }
        } else {
            sayIgnored(pass);
        }
        Option<Stage> running = ConditionPredicates.inProgressStage(pass.conditions());
        if (running.isEmpty()) {
            return AutoRollback.resume(pass);
        }
        Stage spec = pass.ibu().spec().stage();
        pass.updateHistory(h -> History.beforeHandler(h, spec, pass.now));
        Step handled = handlerFor(running.get()).handle(pass);
        if (handled instanceof Step.FailStage f) {
            return StageFailure.write(pass, running.get(), f.message());
        }
        if (handled instanceof Step.FailAndRollBack f) {
            return AutoRollback.run(pass, f.rollbackReason(), StageFailure.write(pass, Stage.UPGRADE, f.message()));
        }
        return handled;
    }

    /** A spec.stage that goes back in the cycle changes nothing, as upstream; unlike upstream, we say so, once. */
    private void sayIgnored(Pass pass) {
        Stage spec = pass.ibu().spec().stage();
        Option<String> ignored = IgnoredRequest.message(pass.conditions(), spec, pass.isAfterPivot());
        if (ignored.isEmpty() || pass.conditions().find(spec.inProgressType())
                .exists(c -> c.message().equals(ignored.get()))) {
            return;
        }
        LOG.info("{}", ignored.get());
        ports.events().emit(EventPort.Type.WARNING, "InvalidTransition", ignored.get());
        pass.update(c -> Setters.invalidTransition(c, spec, ignored.get(), pass.stamp()));
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
}
