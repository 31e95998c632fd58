package dev.ibu.codec.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Wire form of {@code status}: TALM's {@code clusters[]} (completed/failed/current action) plus ibu's rollout
 * record: the current step, when it started, the halt, and per cluster the step, state, since and message.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"currentStep", "stepStartedAt", "halted", "summary", "clustersOmitted", "clusters"})
public record IbguStatus(Integer currentStep, OffsetDateTime stepStartedAt, Halted halted, Counts summary,
                         Integer clustersOmitted, List<Cluster> clusters) {

    public IbguStatus(Integer currentStep, OffsetDateTime stepStartedAt, Halted halted, List<Cluster> clusters) {
        this(currentStep, stepStartedAt, halted, null, null, clusters);
    }

    /** {@code summary}: the current step's counts over every spoke it applies to (the hub's bounded status). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(int total, int notStarted, int inProgress, int completed, int failed, int timedOut,
                         int held) {
    }

    /** The halt: step, plan size then, message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Halted(int step, int planSize, String message) {
    }

    /** One cluster. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "completedActions", "failedActions", "currentAction", "step", "state", "since",
            "startedAt", "message", "held"})
    public record Cluster(String name, List<ActionMessage> completedActions, List<ActionMessage> failedActions,
                          ActionMessage currentAction, Integer step, String state, OffsetDateTime since,
                          OffsetDateTime startedAt, String message, Boolean held) {
    }

    /** TALM's ActionMessage. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ActionMessage(String action, String message) {
    }
}
