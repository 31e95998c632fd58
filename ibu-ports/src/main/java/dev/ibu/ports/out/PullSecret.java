package dev.ibu.ports.out;

import java.util.Objects;

/** A pull secret's {@code .dockerconfigjson}. Its text never appears in {@link #toString()} or logs. */
public record PullSecret(String secretName, String dockerConfigJson) {
    public PullSecret {
        Objects.requireNonNull(secretName);
        Objects.requireNonNull(dockerConfigJson);
    }

    @Override
    public String toString() {
        return "PullSecret[" + secretName + ", <redacted>]";
    }
}
