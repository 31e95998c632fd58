package dev.ibu.codec.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Wire form of the whole ImageBasedGroupUpgrade ({@code lcm.openshift.io/v1alpha1}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public record IbguObject(String apiVersion, String kind, IbguMetadata metadata, IbguSpec spec, IbguStatus status) {

    /** The metadata the domain keeps: a namespaced name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IbguMetadata(String name, String namespace) {
    }
}
