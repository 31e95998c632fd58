package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.OffsetDateTime;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseHistory(
        @JsonPropertyDescription("Phase current phase within a Stage") String phase,
        @JsonPropertyDescription("StartTime A timestamp indicating the Phase has started") OffsetDateTime startTime,
        @JsonPropertyDescription("CompletionTime A timestamp indicating the phase completed.\nThis is only "
                + "available when a Phase completes successfully") OffsetDateTime completionTime) {
}
