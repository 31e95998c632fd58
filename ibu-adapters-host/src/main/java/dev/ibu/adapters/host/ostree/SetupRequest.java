package dev.ibu.adapters.host.ostree;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;

/**
 * A {@link StaterootSetup} as the setup job's record keeps it, so that an agent started after the one that launched
 * the job can resume it. It holds the pull secret (the record is 0600 in a 0700 directory, and dropped when the job
 * ends); {@link #toString()} never shows it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SetupRequest(String staterootName, String version, String seedImage, String pullSecretName,
                    String pullSecretJson, boolean monitorEnabled, long monitorTimeoutSeconds, boolean configEnabled,
                    boolean postpivotEnabled) {

    static String encode(StaterootSetup s) {
        AutoRollbackConfig a = s.autoRollback();
        return Json.MAPPER.writeValueAsString(new SetupRequest(s.staterootName(), s.version(), s.seedImage(),
            s.pullSecret().map(PullSecret::secretName).getOrNull(),
            s.pullSecret().map(PullSecret::dockerConfigJson).getOrNull(),
            a.monitorEnabled(), a.monitorTimeoutSeconds(), a.configEnabled(), a.postpivotEnabled()));
    }

    static StaterootSetup decode(String json) {
        SetupRequest r = Json.MAPPER.readValue(json, SetupRequest.class);
        Option<PullSecret> secret = r.pullSecretJson() == null ? Option.none()
            : Option.some(new PullSecret(r.pullSecretName() == null ? "" : r.pullSecretName(), r.pullSecretJson()));
        return new StaterootSetup(r.staterootName(), r.version(), r.seedImage(), secret,
            new AutoRollbackConfig(r.monitorEnabled(), r.monitorTimeoutSeconds(), r.configEnabled(), r.postpivotEnabled()));
    }

    @Override
    public String toString() {
        return "SetupRequest[" + staterootName + ", " + version + ", " + seedImage + ", pull secret "
            + (pullSecretJson == null ? "none" : "<redacted>") + "]";
    }
}
