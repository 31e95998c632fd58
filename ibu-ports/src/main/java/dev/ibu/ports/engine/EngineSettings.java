package dev.ibu.ports.engine;

import java.util.Objects;

/** Engine settings: the namespace the agent runs in (named in job messages). */
public record EngineSettings(String namespace) {
    public static final String DEFAULT_NAMESPACE = "openshift-lifecycle-agent";
    public static final EngineSettings DEFAULT = new EngineSettings(DEFAULT_NAMESPACE);

    public EngineSettings {
        Objects.requireNonNull(namespace);
    }
}
