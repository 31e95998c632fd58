package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Wire form of {@code status}. {@code validNextStages} is {@code List<String>} on purpose: upstream's items
 * carry no enum. Empty lists are written as absent (Go's {@code omitempty}), which the transition CEL rule
 * reads as "no transition allowed".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonClassDescription("ImageBasedUpgradeStatus defines the observed state of ImageBasedUpgrade")
public record IbuStatus(
        Long observedGeneration,
        List<CrCondition> conditions,
        List<String> validNextStages,
        @JsonPropertyDescription("RollbackAvailabilityExpiration reflects the point at which rolling back may "
                + "require manual recovery from expired control plane certificates.")
        OffsetDateTime rollbackAvailabilityExpiration,
        @JsonPropertyDescription("History stores timing info of different IBU stages and their important phases")
        List<StageHistory> history) {

    public IbuStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        validNextStages = validNextStages == null ? List.of() : List.copyOf(validNextStages);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
