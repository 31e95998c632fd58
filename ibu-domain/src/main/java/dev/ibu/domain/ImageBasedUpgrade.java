package dev.ibu.domain;

import java.util.Objects;

/** The ImageBasedUpgrade custom resource ({@code lca.openshift.io/v1}), as the rules see it. */
public record ImageBasedUpgrade(Metadata metadata, Spec spec, Status status) {
    public ImageBasedUpgrade {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? Status.EMPTY : status;
    }

    /** The CR the agent creates when none exists: {@code spec.stage: Idle}, no status. */
    public static ImageBasedUpgrade fresh() {
        return new ImageBasedUpgrade(Metadata.singleton(1), Spec.idle(), Status.EMPTY);
    }

    public ImageBasedUpgrade withStatus(Status s) {
        return new ImageBasedUpgrade(metadata, spec, s);
    }

    public ImageBasedUpgrade withSpec(Spec s) {
        return new ImageBasedUpgrade(metadata, s, status);
    }

    public ImageBasedUpgrade withMetadata(Metadata m) {
        return new ImageBasedUpgrade(m, spec, status);
    }

    public long generation() {
        return metadata.generation();
    }
}
