package dev.ibu.ports.out;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What providers build ports from: string settings (e.g. {@code host.root=/host},
 * {@code agent.namespace=openshift-lifecycle-agent}) and shared objects by type (e.g. the Kubernetes client, the
 * clock port), so that every adapter talks to the same API server.
 */
public record PortContext(Map<String, String> settings, Map<Class<?>, Object> shared) {
    public PortContext {
        settings = Map.copyOf(settings);
        shared = Map.copyOf(shared);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public <T> Optional<T> shared(Class<T> type) {
        Objects.requireNonNull(type);
        return Optional.ofNullable(shared.get(type)).map(type::cast);
    }
}
