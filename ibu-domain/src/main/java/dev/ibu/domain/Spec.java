package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.Objects;

/** {@code spec} of the ImageBasedUpgrade. */
public record Spec(
        Stage stage,
        SeedImageRef seedImageRef,
        List<ConfigMapRef> oadpContent,
        List<ConfigMapRef> extraManifests,
        Option<AutoRollbackOnFailure> autoRollbackOnFailure) {

    public Spec {
        Objects.requireNonNull(stage, "stage");
        seedImageRef = seedImageRef == null ? SeedImageRef.EMPTY : seedImageRef;
        oadpContent = oadpContent == null ? List.empty() : oadpContent;
        extraManifests = extraManifests == null ? List.empty() : extraManifests;
        autoRollbackOnFailure = autoRollbackOnFailure == null ? Option.none() : autoRollbackOnFailure;
    }

    public static Spec idle() {
        return new Spec(Stage.IDLE, SeedImageRef.EMPTY, List.empty(), List.empty(), Option.none());
    }

    public Spec withStage(Stage newStage) {
        return new Spec(newStage, seedImageRef, oadpContent, extraManifests, autoRollbackOnFailure);
    }

    /** The init-monitor timeout in seconds, 1800 when unset or 0. */
    public long initMonitorTimeoutSeconds() {
        return autoRollbackOnFailure.map(AutoRollbackOnFailure::effectiveTimeoutSeconds)
                .getOrElse(AutoRollbackOnFailure.DEFAULT_TIMEOUT_SECONDS);
    }
}
