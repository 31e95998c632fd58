package dev.ibu.codec.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ibu.codec.wire.IbuSpec;

import java.util.List;
import java.util.Map;

/**
 * Wire form of {@code spec}: TALM's fields as they are ({@code ibuSpec}, {@code clusterLabelSelectors},
 * {@code plan}); ibu's additions live inside {@code rolloutStrategy}, so TALM's manifests need no change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"clusterLabelSelectors", "ibuSpec", "plan"})
public record IbguSpec(List<Selector> clusterLabelSelectors, IbuSpec ibuSpec, List<PlanItem> plan) {

    /** metav1.LabelSelector. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Selector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
    }

    /** metav1.LabelSelectorRequirement. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"key", "operator", "values"})
    public record Requirement(String key, String operator, List<String> values) {
    }

    /** {@code plan[]}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanItem(List<String> actions, RolloutStrategy rolloutStrategy) {
    }

    /**
     * {@code rolloutStrategy}: TALM's {@code maxConcurrency} and {@code timeout} (minutes), and ibu's
     * {@code maxFailures} (an integer or a percentage string), {@code canary} and {@code onFailure}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"maxConcurrency", "timeout", "maxFailures", "canary", "onFailure"})
    public record RolloutStrategy(Integer maxConcurrency, Integer timeout, Object maxFailures, Canary canary,
                                  String onFailure) {
    }

    /** {@code canary}: {@code clusters} is a count or a list of ManagedCluster names; {@code soak} a Go duration. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Canary(Object clusters, String soak) {
    }
}
