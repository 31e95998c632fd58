package dev.ibu.adapters.host.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.adapters.host.support.HostLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /var/lib/lca/autorollback_config.json} (host-and-image.md §4.6): compact JSON, 0600 in 0700.
 * Reader defaults: monitor disabled, timeout 1800, no component enabled.
 */
public final class AutoRollbackFile {

    public static final String RELATIVE = "lib/lca/autorollback_config.json";
    public static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(@JsonProperty("monitor_enabled") Boolean monitorEnabled,
                          @JsonProperty("monitor_timeout") Long monitorTimeout,
                          @JsonProperty("enabled_components") Map<String, Boolean> enabledComponents) {

        public boolean monitorOn() {
            return Boolean.TRUE.equals(monitorEnabled);
        }

        public long timeoutSeconds() {
            return monitorTimeout == null ? DEFAULT_TIMEOUT_SECONDS : monitorTimeout;
        }

        public boolean componentEnabled(String component) {
            return enabledComponents != null && Boolean.TRUE.equals(enabledComponents.get(component));
        }
    }

    private AutoRollbackFile() {
    }

    /** Writes the config into a stateroot's var directory, through no link the seed put there. */
    public static void write(HostLayout layout, String stateroot, AutoRollbackConfig c) {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("config", c.configEnabled());
        components.put("postpivot", c.postpivotEnabled());
        Content content = new Content(c.monitorEnabled(), c.monitorTimeoutSeconds(), components);
        AtomicFiles.write(layout.inStaterootVar(stateroot, RELATIVE), Json.MAPPER.writeValueAsString(content));
    }

    public static Optional<Content> read(HostLayout layout, String stateroot) {
        return AtomicFiles.read(layout.inStaterootVar(stateroot, RELATIVE)).map(s -> Json.MAPPER.readValue(s, Content.class));
    }
}
