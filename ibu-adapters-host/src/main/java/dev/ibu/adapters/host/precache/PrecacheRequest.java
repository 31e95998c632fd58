package dev.ibu.adapters.host.precache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.ports.out.PullSecret;
import io.vavr.control.Option;
import java.util.List;

/**
 * What the precache job's record keeps so that a later agent can resume it: the images and the pull secret (the record
 * is 0600 in a 0700 directory, and dropped when the job ends); {@link #toString()} never shows the secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PrecacheRequest(List<String> images, String pullSecretName, String pullSecretJson) {

    PrecacheRequest {
        images = images == null ? List.of() : List.copyOf(images);
    }

    static String encode(List<String> images, Option<PullSecret> secret) {
        return Json.MAPPER.writeValueAsString(new PrecacheRequest(images, secret.map(PullSecret::secretName).getOrNull(),
            secret.map(PullSecret::dockerConfigJson).getOrNull()));
    }

    static PrecacheRequest decode(String json) {
        return Json.MAPPER.readValue(json, PrecacheRequest.class);
    }

    Option<PullSecret> pullSecret() {
        return pullSecretJson == null ? Option.none()
            : Option.some(new PullSecret(pullSecretName == null ? "" : pullSecretName, pullSecretJson));
    }

    @Override
    public String toString() {
        return "PrecacheRequest[" + images.size() + " images, pull secret " + (pullSecretJson == null ? "none" : "<redacted>") + "]";
    }
}
