package dev.ibu.adapters.k8s.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.OffsetDateTime;

/** The {@code metav1.Condition} shape, with the same constraints as upstream's schema. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Condition contains details for one aspect of the current state of this API Resource.")
public record CrCondition(
        @Required @Size(max = 316) @Pattern(TYPE_PATTERN) String type,
        @Required Status status,
        @Min(0) Long observedGeneration,
        @Required OffsetDateTime lastTransitionTime,
        @Required @Size(min = 1, max = 1024) @Pattern(REASON_PATTERN) String reason,
        @Required @Size(max = 32768) String message) {

    public static final String TYPE_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    public static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    /** Wire values {@code True}, {@code False}, {@code Unknown}. */
    public enum Status {
        @JsonProperty("True") TRUE,
        @JsonProperty("False") FALSE,
        @JsonProperty("Unknown") UNKNOWN
    }
}
