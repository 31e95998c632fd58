package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The part of {@code metadata} the domain keeps: name, generation, resourceVersion and annotations. Absent parts
 * are null, so that they are not written (Go's {@code omitempty}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMetadata(String name, Long generation, String resourceVersion, Map<String, String> annotations) {
}
