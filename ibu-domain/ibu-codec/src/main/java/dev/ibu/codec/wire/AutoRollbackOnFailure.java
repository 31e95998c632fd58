package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.math.BigInteger;

/** {@code BigInteger} because upstream's Go {@code int} has no {@code format}; Integer would add int32. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoRollbackOnFailure(
        @JsonPropertyDescription("InitMonitorTimeoutSeconds defines the time frame in seconds. If not defined or "
                + "set to 0, the default value of\n1800 seconds (30 minutes) is used.")
        @Min(0)
        BigInteger initMonitorTimeoutSeconds) {
}
