package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.OffsetDateTime;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StageHistory(
        @JsonPropertyDescription("Stage The desired stage name read from spec") String stage,
        @JsonPropertyDescription("StartTime A timestamp to indicate the Stage has started") OffsetDateTime startTime,
        @JsonPropertyDescription("CompletionTime A timestamp indicating the Stage completed.\nThis is only "
                + "available when a Stage completes successfully") OffsetDateTime completionTime,
        @JsonPropertyDescription("Phase Allows for a more granular view of the important tasks that are "
                + "performed when moving a desired Stage") List<PhaseHistory> phases) {

    public StageHistory {
        phases = phases == null ? List.of() : List.copyOf(phases);
    }
}
