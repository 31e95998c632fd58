package dev.ibu.ports.out;

import dev.ibu.domain.ConfigMapRef;

import java.util.Map;
import java.util.Objects;

/** A ConfigMap's reference and its data (key to text), in key order. */
public record ConfigMapData(ConfigMapRef ref, Map<String, String> data) {
    public ConfigMapData {
        Objects.requireNonNull(ref);
        data = Map.copyOf(data);
    }
}
