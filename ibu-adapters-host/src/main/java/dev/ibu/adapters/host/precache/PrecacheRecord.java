package dev.ibu.adapters.host.precache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.PullSecret;
import io.vavr.control.Option;
import java.util.List;

/**
 * What the precache job's record keeps so that a later agent can resume it: the images, the pull secret (the record
 * is 0600 in a 0700 directory, and dropped when the job ends) and the storage cleanup asked for (a record written
 * before it was kept reads as the default cleanup); {@link #toString()} never shows the secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PrecacheRecord(List<String> images, String pullSecretName, String pullSecretJson, Boolean cleanupEnabled,
                      Integer cleanupThresholdPercent) {

    PrecacheRecord {
        images = images == null ? List.of() : List.copyOf(images);
    }

    static String encode(List<String> images, Option<PullSecret> secret, ImageCleanup cleanup) {
        return Json.MAPPER.writeValueAsString(new PrecacheRecord(images, secret.map(PullSecret::secretName).getOrNull(),
            secret.map(PullSecret::dockerConfigJson).getOrNull(), cleanup.enabled(), cleanup.thresholdPercent()));
    }

    static PrecacheRecord decode(String json) {
        return Json.MAPPER.readValue(json, PrecacheRecord.class);
    }

    Option<PullSecret> pullSecret() {
        return pullSecretJson == null ? Option.none()
            : Option.some(new PullSecret(pullSecretName == null ? "" : pullSecretName, pullSecretJson));
    }

    ImageCleanup cleanup() {
        if (cleanupEnabled == null || cleanupThresholdPercent == null) {
            return ImageCleanup.DEFAULT;
        }
        return new ImageCleanup(cleanupEnabled, Math.max(-1, Math.min(100, cleanupThresholdPercent)));
    }

    @Override
    public String toString() {
        return "PrecacheRecord[" + images.size() + " images, pull secret " + (pullSecretJson == null ? "none" : "<redacted>")
            + ", cleanup " + cleanup() + "]";
    }
}
