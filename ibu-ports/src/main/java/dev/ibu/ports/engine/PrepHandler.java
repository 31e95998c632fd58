package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.Echo;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Spec;
import dev.ibu.domain.SpecRules;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheRequest;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prep (stage-machine.md §4.2): validate, check the seed, create the stateroot, precache. Re-entrant. */
final class PrepHandler implements StageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PrepHandler.class);
    static final String STATEROOT_JOB = "lca-prep-stateroot-setup";
    static final String PRECACHE_JOB = "lca-prep-precache";
    static final String INVALID_SPEC = "failed to validate IBU spec: ";

    @Override
    public Step handle(Pass pass) {
        Either<Step, HealthReport> health = pass.observe(pass.ports.health().check(HealthCheckSet.FULL));
        if (health.isLeft()) {
            return health.getLeft();
        }
        if (!health.get().healthy()) {
            progress(pass, Messages.WAIT_PREP + health.get().message());
            return Step.requeue(Requeue.HEALTH, "Prep waits for health");
        }
        Spec spec = pass.ibu().spec();
        Option<String> invalid = SpecRules.problem(spec);
        if (invalid.isDefined()) {
            return Step.fail(INVALID_SPEC + invalid.get());
        }
        String stateroot = pass.newStateroot().get();
        if (pass.bootedStateroot().contains(stateroot)) {
            // never set up (or report as set up) the stateroot the node runs: that is the current release
            Step checked = PrepValidation.validate(pass, spec);
            return !checked.proceeds() ? checked : Step.fail(INVALID_SPEC + "spec.seedImageRef.version "
                    + Echo.of(spec.seedImageRef().version()) + " names the booted stateroot " + Echo.of(stateroot)
                    + ", so the cluster already runs it; use a seed of a newer version");
        }
        Either<Step, JobState> setup = pass.observe(pass.ports.stateroots().setupState(stateroot));
        if (setup.isLeft()) {
            return setup.getLeft();
        }
        if (setup.get() instanceof JobState.NotStarted) {
            return launchSetup(pass, spec, stateroot);
        }
        String jobRef = "job-name: " + STATEROOT_JOB + ", job-namespace: " + pass.settings.namespace();
        if (setup.get() instanceof JobState.Running) {
            progress(pass, "Stateroot setup job in progress. " + jobRef);
            return Step.requeue(Requeue.SHORT, "stateroot setup running");
        }
        if (setup.get() instanceof JobState.Failed f) {
            return Step.fail("stateroot setup job failed to complete. " + jobRef + ": " + f.message());
        }
        pass.updateHistory(h -> History.stopPhase(h, Stage.PREP, History.PHASE_STATEROOT, pass.now));
        return precache(pass, stateroot);
    }

    private Step launchSetup(Pass pass, Spec spec, String stateroot) {
        Step valid = PrepValidation.validate(pass, spec);
        if (!valid.proceeds()) {
            return valid;
        }
        Either<Step, Option<PullSecret>> secret = pass.call(pullSecret(pass, spec), INVALID_SPEC);
        if (secret.isLeft()) {
            return secret.getLeft();
        }
        Either<Step, SeedImageInfo> seed = pass.call(pass.ports.seedImages().inspect(spec.seedImageRef().image(),
                secret.get()), "failed to validate seed image info: failed to get seed image labels: failed to "
                + "inspect image: ");
        if (seed.isLeft()) {
            return seed.getLeft();
        }
        Either<Step, ClusterInfo> cluster = pass.observe(pass.ports.clusterInfo().current());
        if (cluster.isLeft()) {
            return cluster.getLeft();
        }
        Either<Step, String> nodeArch = pass.observe(pass.ports.seedImages().nodeArchitecture());
        if (nodeArch.isLeft()) {
            return nodeArch.getLeft();
        }
        Option<String> incompatible = SeedCompatibility.check(spec.seedImageRef().image(), seed.get(), cluster.get(),
                nodeArch.get());
        if (incompatible.isDefined()) {
            return Step.fail(incompatible.get());
        }
        StaterootSetup setup = new StaterootSetup(stateroot, spec.seedImageRef().version(),
                spec.seedImageRef().image(), secret.get(), autoRollback(pass.ibu()));
        Either<Step, Void> started = pass.call(pass.ports.stateroots().startSetup(setup),
                "failed to launch the stateroot setup job: ");
        if (started.isLeft()) {
            return started.getLeft();
        }
        pass.updateHistory(h -> History.startPhase(h, Stage.PREP, History.PHASE_STATEROOT, pass.now));
        progress(pass, "Successfully launched a new job for stateroot setup. job-name: " + STATEROOT_JOB
                + ", job-namespace: " + pass.settings.namespace());
        return Step.requeue(Requeue.SHORT, "stateroot setup launched");
    }

    static Either<dev.ibu.ports.out.PortFailure, Option<PullSecret>> pullSecret(Pass pass, Spec spec) {
        Option<String> name = spec.seedImageRef().pullSecretName();
        if (name.isEmpty()) {
            return Either.right(Option.none());
        }
        return pass.ports.pullSecrets().read(name.get()).map(Option::some);
    }

    static AutoRollbackConfig autoRollback(ImageBasedUpgrade ibu) {
        var a = ibu.metadata().annotations();
        boolean monitor = !a.get(Annotations.AUTO_ROLLBACK_INIT_MONITOR).contains(Annotations.DISABLED);
        boolean components = !a.get(Annotations.AUTO_ROLLBACK_POST_REBOOT_CONFIG).contains(Annotations.DISABLED);
        return new AutoRollbackConfig(monitor, ibu.spec().initMonitorTimeoutSeconds(), components, components);
    }

    private Step precache(Pass pass, String stateroot) {
        Either<Step, PrecacheStatus> status = pass.observe(pass.ports.precache().status());
        if (status.isLeft()) {
            return status.getLeft();
        }
        String jobRef = "job-name: " + PRECACHE_JOB + ", job-namespace: " + pass.settings.namespace();
        JobState state = status.get().state();
        if (state instanceof JobState.NotStarted) {
            return launchPrecache(pass, stateroot, jobRef);
        }
        if (state instanceof JobState.Running) {
            String p = status.get().progress().map(x -> x.message()).getOrElse("No precache status file to read yet.");
            progress(pass, "Precache job in progress. " + jobRef + ". " + p);
            return Step.requeue(Requeue.SHORT, "precache running");
        }
        if (state instanceof JobState.Failed f) {
            return Step.fail("precache job failed to complete. " + jobRef + ": " + f.message());
        }
        pass.updateHistory(h -> History.stopPhase(h, Stage.PREP, History.PHASE_PRECACHE, pass.now));
        pass.updateHistory(h -> History.stopStage(h, Stage.PREP, pass.now));
        String msg = pass.ibu().metadata().hasAnnotation(Annotations.VALIDATION_WARNING)
                ? Messages.PREP_COMPLETED_WITH_WARNING : Messages.PREP_COMPLETED_OK;
        pass.update(c -> Setters.prepCompleted(c, msg, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.NORMAL, "PrepCompleted", msg);
        return Step.done("Prep completed");
    }

    private Step launchPrecache(Pass pass, String stateroot, String jobRef) {
        Either<Step, Option<PullSecret>> secret = pass.call(pullSecret(pass, pass.ibu().spec()), INVALID_SPEC);
        if (secret.isLeft()) {
            return secret.getLeft();
        }
        PrecacheRequest request = new PrecacheRequest(stateroot, List.empty(), secret.get(), imageCleanup(pass));
        Either<Step, Void> started = pass.call(pass.ports.precache().start(request),
                "failed to launch the precache job: ");
        if (started.isLeft()) {
            return started.getLeft();
        }
        pass.updateHistory(h -> History.startPhase(h, Stage.PREP, History.PHASE_PRECACHE, pass.now));
        progress(pass, "Successfully launched a new job precache. " + jobRef);
        return Step.requeue(Requeue.SHORT, "precache launched");
    }

    /**
     * The container-storage cleanup the IBU's annotations ask for (host-and-image.md §5.1). A bad threshold disables
     * it, as upstream does; upstream only logs that, ibu also emits a Warning event naming the annotation and the fix.
     */
    static ImageCleanup imageCleanup(Pass pass) {
        ImageCleanup.Reading r = ImageCleanup.fromAnnotations(pass.ibu().metadata().annotations());
        r.note().forEach(LOG::info);
        if (r.badValue()) {
            pass.ports.events().emit(EventPort.Type.WARNING, "ImageCleanupDisabled", r.note().get());
        }
        return r.cleanup();
    }

    private static void progress(Pass pass, String message) {
        pass.update(c -> Setters.prepInProgress(c, message, pass.stamp()));
    }
}
