package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.Echo;
import dev.ibu.domain.OcpVersion;
import dev.ibu.domain.Spec;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ManifestValidation;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Prep's validation of the spec before the stateroot setup job is launched (spec §4.2 step 2b): the seed is newer
 * than the cluster, the OADP and extra-manifest ConfigMaps are valid. Validation warnings are kept in an annotation.
 */
final class PrepValidation {
    private PrepValidation() {
    }

    /** Continue when valid; a FailStage naming the field and the fix; or the step a port failure makes. */
    static Step validate(Pass pass, Spec spec) {
        String prefix = PrepHandler.INVALID_SPEC;
        Either<Step, ClusterInfo> cluster = pass.observe(pass.ports.clusterInfo().current());
        if (cluster.isLeft()) {
            return cluster.getLeft();
        }
        Either<String, OcpVersion> seedVersion = OcpVersion.parse(spec.seedImageRef().version());
        Either<String, OcpVersion> current = OcpVersion.parse(cluster.get().ocpVersion());
        if (seedVersion.isLeft() || current.isLeft()) {
            return Step.fail(prefix + "failed to parse target/seed version: "
                    + seedVersion.swap().getOrElse(() -> current.swap().get()) + " (spec.seedImageRef.version)");
        }
        if (seedVersion.get().compareTo(current.get()) <= 0) {
            return Step.fail(prefix + "failed to validate seed image OCP version: seed OCP version ("
                    + Echo.of(spec.seedImageRef().version()) + ") must be higher than current OCP version ("
                    + cluster.get().ocpVersion() + ")");
        }
        if (!spec.oadpContent().isEmpty()) {
            Either<Step, ManifestValidation> oadp = pass.call(pass.ports.backups().validate(spec.oadpContent()),
                    prefix);
            if (oadp.isLeft()) {
                return oadp.getLeft();
            }
            oadp.get().warnings().forEach(w -> pass.ports.events().emit(EventPort.Type.WARNING, "OadpContent", w));
        }
        // upstream checks the policy manifests' count whenever the annotation asks for it, ConfigMaps or not
        if (!spec.extraManifests().isEmpty()
                || pass.ibu().metadata().hasAnnotation(Annotations.TARGET_VERSION_MANIFEST_COUNT)) {
            Either<Step, ManifestValidation> extra = pass.call(
                    pass.ports.extraManifests().validate(spec.extraManifests()), prefix);
            if (extra.isLeft()) {
                return extra.getLeft();
            }
            return keepWarnings(pass, extra.get().warnings());
        }
        return Step.proceed();
    }

    /** Upstream keeps extra-manifest warnings in an annotation that Prep's completion message points to. */
    private static Step keepWarnings(Pass pass, List<String> warnings) {
        if (warnings.isEmpty()) {
            return Step.proceed();
        }
        String text = warnings.mkString("; ");  // upstream's separator
        Either<Step, dev.ibu.domain.ImageBasedUpgrade> stored = pass.call(pass.ports.resource()
                .setAnnotation(Annotations.VALIDATION_WARNING, Option.some(text)), PrepHandler.INVALID_SPEC
                + "failed to record the validation warnings: ");
        if (stored.isLeft()) {
            return stored.getLeft();
        }
        pass.replaceMetadata(stored.get());
        pass.ports.events().emit(EventPort.Type.WARNING, "ExtraManifestsValidationWarning", text);
        return Step.proceed();
    }
}
