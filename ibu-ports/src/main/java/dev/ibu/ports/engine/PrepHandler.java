package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Messages;
import dev.ibu.domain.OcpVersion;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Prep (stage-machine.md §4.2): validate, check the seed, create the stateroot, precache. Re-entrant. */
final class PrepHandler implements StageHandler {
    static final String STATEROOT_JOB = "lca-prep-stateroot-setup";
    static final String PRECACHE_JOB = "lca-prep-precache";

    @Override
    public ReconcileResult handle(Pass pass) {
        HealthReport health = pass.orRetry(pass.ports.health().check(HealthCheckSet.FULL));
        if (!health.healthy()) {
            progress(pass, Messages.WAIT_PREP + health.message());
            return ReconcileResult.after(Requeue.HEALTH, "Prep waits for health");
        }
        Spec spec = pass.ibu().spec();
        if (pass.newStateroot().isEmpty()) {
            return fail(pass, "failed to validate IBU spec: spec.seedImageRef.version is empty: set it to the "
                    + "seed image's OCP version (e.g. 4.15.2), then go back to Idle and start Prep again");
        }
        String stateroot = pass.newStateroot().get();
        if (pass.bootedStateroot().contains(stateroot)) {
            // never set up (or report as set up) the stateroot the node runs: that is the current release
            return fail(pass, validateSpec(pass, spec).getOrElse(() -> "failed to validate IBU spec: "
                    + "spec.seedImageRef.version " + spec.seedImageRef().version() + " names the booted stateroot "
                    + stateroot + ", so the cluster already runs it; use a seed of a newer version"));
        }
        JobState setup = pass.orRetry(pass.ports.stateroots().setupState(stateroot));
        if (setup instanceof JobState.NotStarted) {
            return launchSetup(pass, spec, stateroot);
        }
        String jobRef = "job-name: " + STATEROOT_JOB + ", job-namespace: " + pass.settings.namespace();
        if (setup instanceof JobState.Running) {
            progress(pass, "Stateroot setup job in progress. " + jobRef);
            return ReconcileResult.after(Requeue.SHORT, "stateroot setup running");
        }
        if (setup instanceof JobState.Failed f) {
            return fail(pass, "stateroot setup job failed to complete. " + jobRef + ": " + f.message());
        }
        pass.updateHistory(h -> History.stopPhase(h, Stage.PREP, History.PHASE_STATEROOT, pass.now));
        return precache(pass, stateroot);
    }

    private ReconcileResult launchSetup(Pass pass, Spec spec, String stateroot) {
        Option<String> invalid = validateSpec(pass, spec);
        if (invalid.isDefined()) {
            return fail(pass, invalid.get());
        }
        Either<PortFailure, Option<PullSecret>> secret = pullSecret(pass, spec);
        if (secret.isLeft()) {
            return fail(pass, "failed to validate IBU spec: " + secret.getLeft().message());
        }
        Either<PortFailure, SeedImageInfo> seed = pass.ports.seedImages().inspect(spec.seedImageRef().image(),
                secret.get());
        if (seed.isLeft()) {
            if (seed.getLeft() instanceof PortFailure.Transient) {
                return Results.error(seed.getLeft());
            }
            return fail(pass, "failed to validate seed image info: failed to get seed image labels: failed to "
                    + "inspect image: " + seed.getLeft().message());
        }
        ClusterInfo cluster = pass.orRetry(pass.ports.clusterInfo().current());
        Option<String> incompatible = SeedCompatibility.check(seed.get(), cluster);
        if (incompatible.isDefined()) {
            return fail(pass, incompatible.get());
        }
        StaterootSetup setup = new StaterootSetup(stateroot, spec.seedImageRef().version(),
                spec.seedImageRef().image(), secret.get(), autoRollback(pass.ibu()));
        pass.orRetry(pass.ports.stateroots().startSetup(setup));
        pass.updateHistory(h -> History.startPhase(h, Stage.PREP, History.PHASE_STATEROOT, pass.now));
        progress(pass, "Successfully launched a new job for stateroot setup. job-name: " + STATEROOT_JOB
                + ", job-namespace: " + pass.settings.namespace());
        return ReconcileResult.after(Requeue.SHORT, "stateroot setup launched");
    }

    private Option<String> validateSpec(Pass pass, Spec spec) {
        String prefix = "failed to validate IBU spec: ";
        if (spec.seedImageRef().image().isBlank()) {
            return Option.some(prefix + "spec.seedImageRef.image is empty: set it to the seed image pull spec");
        }
        ClusterInfo cluster = pass.orRetry(pass.ports.clusterInfo().current());
        Either<String, OcpVersion> seedVersion = OcpVersion.parse(spec.seedImageRef().version());
        Either<String, OcpVersion> current = OcpVersion.parse(cluster.ocpVersion());
        if (seedVersion.isLeft() || current.isLeft()) {
            return Option.some(prefix + "failed to parse target/seed version: "
                    + seedVersion.swap().getOrElse(() -> current.swap().get()) + " (spec.seedImageRef.version)");
        }
        if (seedVersion.get().compareTo(current.get()) <= 0) {
            return Option.some(prefix + "failed to validate seed image OCP version: seed OCP version ("
                    + spec.seedImageRef().version() + ") must be higher than current OCP version ("
                    + cluster.ocpVersion() + ")");
        }
        if (!spec.oadpContent().isEmpty()) {
            Either<PortFailure, ManifestValidation> oadp = pass.ports.backups().validate(spec.oadpContent());
            if (oadp.isLeft()) {
                return Option.some(prefix + oadp.getLeft().message());
            }
            oadp.get().warnings().forEach(w -> pass.ports.events().emit(EventPort.Type.WARNING, "OadpContent", w));
        }
        if (!spec.extraManifests().isEmpty()) {
            Either<PortFailure, ManifestValidation> extra = pass.ports.extraManifests().validate(spec.extraManifests());
            if (extra.isLeft()) {
                return Option.some(prefix + extra.getLeft().message());
            }
            warn(pass, extra.get().warnings());
        }
        return Option.none();
    }

    private void warn(Pass pass, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        String text = warnings.mkString("; ");  // upstream's separator
        ImageBasedUpgrade stored = pass.orRetry(pass.ports.resource().setAnnotation(Annotations.VALIDATION_WARNING,
                Option.some(text)));
        pass.replace(stored.withStatus(pass.ibu().status()));
        pass.ports.events().emit(EventPort.Type.WARNING, "ExtraManifestsValidationWarning", text);
    }

    private static Either<PortFailure, Option<PullSecret>> pullSecret(Pass pass, Spec spec) {
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

    private ReconcileResult precache(Pass pass, String stateroot) {
        PrecacheStatus status = pass.orRetry(pass.ports.precache().status());
        String jobRef = "job-name: " + PRECACHE_JOB + ", job-namespace: " + pass.settings.namespace();
        JobState state = status.state();
        if (state instanceof JobState.NotStarted) {
            Option<PullSecret> secret = pass.orRetry(pullSecret(pass, pass.ibu().spec()));
            pass.orRetry(pass.ports.precache().start(stateroot, List.empty(), secret));
            pass.updateHistory(h -> History.startPhase(h, Stage.PREP, History.PHASE_PRECACHE, pass.now));
            progress(pass, "Successfully launched a new job precache. " + jobRef);
            return ReconcileResult.after(Requeue.SHORT, "precache launched");
        }
        if (state instanceof JobState.Running) {
            String p = status.progress().map(x -> x.message()).getOrElse("No precache status file to read yet.");
            progress(pass, "Precache job in progress. " + jobRef + ". " + p);
            return ReconcileResult.after(Requeue.SHORT, "precache running");
        }
        if (state instanceof JobState.Failed f) {
            return fail(pass, "precache job failed to complete. " + jobRef + ": " + f.message());
        }
        pass.updateHistory(h -> History.stopPhase(h, Stage.PREP, History.PHASE_PRECACHE, pass.now));
        pass.updateHistory(h -> History.stopStage(h, Stage.PREP, pass.now));
        String msg = pass.ibu().metadata().hasAnnotation(Annotations.VALIDATION_WARNING)
                ? Messages.PREP_COMPLETED_WITH_WARNING : Messages.PREP_COMPLETED_OK;
        pass.update(c -> Setters.prepCompleted(c, msg, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.NORMAL, "PrepCompleted", msg);
        return ReconcileResult.done("Prep completed");
    }

    private static void progress(Pass pass, String message) {
        pass.update(c -> Setters.prepInProgress(c, message, pass.stamp()));
    }

    private static ReconcileResult fail(Pass pass, String message) {
        pass.update(c -> Setters.prepFailed(c, message, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.WARNING, "PrepFailed", message);
        return ReconcileResult.done("Prep failed: " + message);
    }
}
