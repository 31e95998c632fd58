package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
        @JsonPropertyDescription("type of condition in CamelCase or in foo.example.com/CamelCase.")
        @Required @Size(max = 316) @Pattern(TYPE_PATTERN) String type,
        @JsonPropertyDescription("status of the condition, one of True, False, Unknown.")
        @Required Status status,
        @JsonPropertyDescription("observedGeneration represents the .metadata.generation that the condition was set "
                + "based upon.\nFor instance, if .metadata.generation is currently 12, but the "
                + ".status.conditions[x].observedGeneration is 9, the condition is out of date\nwith respect to the "
                + "current state of the instance.")
        @Min(0) Long observedGeneration,
        @JsonPropertyDescription("lastTransitionTime is the last time the condition transitioned from one status to "
                + "another.\nThis should be when the underlying condition changed.  If that is not known, then using "
                + "the time when the API field changed is acceptable.")
        @Required OffsetDateTime lastTransitionTime,
        @JsonPropertyDescription("reason contains a programmatic identifier indicating the reason for the "
                + "condition's last transition.\nProducers of specific condition types may define expected values "
                + "and meanings for this field,\nand whether the values are considered a guaranteed API.\nThe value "
                + "should be a CamelCase string.\nThis field may not be empty.")
        @Required @Size(min = 1, max = 1024) @Pattern(REASON_PATTERN) String reason,
        @JsonPropertyDescription("message is a human readable message indicating details about the transition.\n"
                + "This may be an empty string.")
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
