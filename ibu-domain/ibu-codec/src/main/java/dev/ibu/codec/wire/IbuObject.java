package dev.ibu.codec.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The whole ImageBasedUpgrade object as the API server, {@code oc get ibu -o yaml} and {@code ibu.json} carry it, in
 * upstream's field order. Unknown fields are ignored (the server adds uid, managedFields, ...).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public record IbuObject(String apiVersion, String kind, ObjectMetadata metadata, IbuSpec spec, IbuStatus status) {
}
