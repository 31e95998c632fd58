package dev.ibu.ports.engine;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageMachine;
import dev.ibu.domain.Stamp;
import dev.ibu.domain.StaterootName;
import dev.ibu.domain.Status;
import dev.ibu.domain.StageHistory;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** The state of one reconcile pass: the resource as last read or written, the host, and the time. */
final class Pass {
    final EnginePorts ports;
    final EngineSettings settings;
    final HostStatus host;
    final Instant now;
    private ImageBasedUpgrade ibu;

    Pass(EnginePorts ports, EngineSettings settings, ImageBasedUpgrade ibu, HostStatus host, Instant now) {
        this.ports = ports;
        this.settings = settings;
        this.ibu = ibu;
        this.host = host;
        this.now = now;
    }

    ImageBasedUpgrade ibu() {
        return ibu;
    }

    Stamp stamp() {
        return new Stamp(ibu.generation(), now);
    }

    Conditions conditions() {
        return ibu.status().conditions();
    }

    /**
     * The stateroot the seed creates, if spec.seedImageRef.version is a version (never a path). Asked many times a
     * pass: parsed once per version (the spec does not change within a pass, but the check costs nothing).
     */
    Option<String> newStateroot() {
        String version = ibu.spec().seedImageRef().version();
        if (!java.util.Objects.equals(version, parsedVersion) || newStateroot == null) {
            newStateroot = StaterootName.ofSpecVersion(version);
            parsedVersion = version;
        }
        return newStateroot;
    }

    private String parsedVersion;
    private Option<String> newStateroot;

    Option<String> bootedStateroot() {
        return host.bootedStateroot();
    }

    /**
     * Upstream: the booted stateroot is the one spec.seedImageRef.version names. We add: only once this cycle's
     * Upgrade (or Rollback) has started. After a finalize the node keeps booting that stateroot, and a new Prep
     * for the same version would otherwise count as after the pivot, making its abort a no-op for ever.
     */
    boolean isAfterPivot() {
        return newStateroot().isDefined() && newStateroot().equals(bootedStateroot()) && upgradeStarted();
    }

    private boolean upgradeStarted() {
        return conditions().items().exists(c -> !dev.ibu.domain.Reasons.INVALID_TRANSITION.equals(c.reason())
                && (c.type().startsWith("Upgrade") || c.type().startsWith("Rollback")));
    }

    /** The stateroot the cluster ran before the upgrade: booted before the pivot, the other one after it. */
    Option<String> originalStateroot() {
        if (!isAfterPivot()) {
            return bootedStateroot();
        }
        return host.staterootNames().find(n -> !newStateroot().contains(n));
    }

    void update(UnaryOperator<Conditions> change) {
        ibu = ibu.withStatus(ibu.status().withConditions(change.apply(conditions())));
    }

    void updateStatus(UnaryOperator<Status> change) {
        ibu = ibu.withStatus(change.apply(ibu.status()));
    }

    void updateHistory(UnaryOperator<List<StageHistory>> change) {
        updateStatus(s -> s.withHistory(change.apply(s.history())));
    }

    /**
     * Writes the status now (spec §3.1: observedGeneration, the generation of spec.stage's conditions,
     * validNextStages). Continue when written; otherwise the step that ends the pass: a lost race reads again and
     * redecides, any other failure is retried ({@link FailurePolicy#outsideStage}).
     */
    Step persist() {
        Stage spec = ibu.spec().stage();
        long gen = ibu.generation();
        Status s = ibu.status();
        Conditions c = s.conditions().withGeneration(gen, spec.inProgressType(), spec.completedType());
        Status out = s.withConditions(c).withObservedGeneration(gen)
                .withValidNextStages(StageMachine.validNextStages(c, spec, isAfterPivot()));
        Either<PortFailure, ImageBasedUpgrade> written = ports.resource().writeStatus(ibu.withStatus(out));
        if (written.isLeft()) {
            return FailurePolicy.outsideStage(written.getLeft());
        }
        ibu = written.get();
        return Step.proceed();
    }

    /** A port result as a stage handler uses it: the value, or the step {@link FailurePolicy} makes of the failure. */
    <T> Either<Step, T> call(Either<PortFailure, T> result, String context) {
        return result.mapLeft(f -> FailurePolicy.inStage(f, context));
    }

    /** A port call made for its effect: Continue, or the step {@link FailurePolicy} makes of its failure. */
    Step act(Either<PortFailure, ?> result, String context) {
        return result.isRight() ? Step.proceed() : FailurePolicy.inStage(result.getLeft(), context);
    }

    /** A look at what the stage waits for: the value, or a retry (such a failure never fails the stage). */
    <T> Either<Step, T> observe(Either<PortFailure, T> result) {
        return result.mapLeft(FailurePolicy::observing);
    }

    /** Replaces the stored metadata (an annotation write returned the stored object), keeping this pass's status. */
    void replaceMetadata(ImageBasedUpgrade stored) {
        ibu = stored.withStatus(ibu.status());
    }
}
