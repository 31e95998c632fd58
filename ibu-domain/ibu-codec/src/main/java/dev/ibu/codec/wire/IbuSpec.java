package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Wire form of {@code spec}; lists are kept as given (null = absent) because CEL rules read presence. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ImageBasedUpgradeSpec defines the desired state of ImageBasedUpgrade")
public record IbuSpec(
        @JsonPropertyDescription("ImageBasedUpgradeStage defines the type for the IBU stage field")
        CrStage stage,
        @JsonPropertyDescription("SeedImageRef defines the seed image and OCP version for the upgrade")
        SeedImageRef seedImageRef,
        @JsonPropertyDescription("OADPContent defines the list of ConfigMap resources that contain the OADP "
                + "Backup and Restore CRs.")
        List<ConfigMapRef> oadpContent,
        @JsonPropertyDescription("ExtraManifests defines the list of ConfigMap resources that contain the "
                + "user-specific extra manifests to be applied during the upgrade post-pivot stage.\nUsers can "
                + "also add their custom catalog sources that may want to retain after the upgrade.")
        List<ConfigMapRef> extraManifests,
        @JsonPropertyDescription("AutoRollbackOnFailure defines automatic rollback settings if the upgrade fails "
                + "or if the upgrade does not\ncomplete within the specified time limit.")
        AutoRollbackOnFailure autoRollbackOnFailure) {

    public IbuSpec {
        oadpContent = oadpContent == null ? null : List.copyOf(oadpContent);
        extraManifests = extraManifests == null ? null : List.copyOf(extraManifests);
    }

    /** The spec of the CR the agent creates when none exists: {@code stage: Idle} and nothing else. */
    public static IbuSpec idle() {
        return new IbuSpec(CrStage.Idle, null, null, null, null);
    }
}
