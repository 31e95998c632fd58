package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("SeedImageRef defines the seed image and OCP version for the upgrade")
public record SeedImageRef(
        @JsonPropertyDescription("Version defines the target platform version. The value must match the "
                + "version of the seed image.")
        String version,
        @JsonPropertyDescription("Image defines the full pull-spec of the seed container image to use.")
        @Size(min = 1) @Pattern("^([a-z0-9]+://)?[\\S]+$")
        String image,
        @JsonPropertyDescription("PullSecretRef defines the reference to a secret with credentials to pull "
                + "container images.")
        PullSecretRef pullSecretRef) {
}
