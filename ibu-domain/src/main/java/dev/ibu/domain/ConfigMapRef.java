package dev.ibu.domain;

import java.util.Objects;

/** A reference to a ConfigMap by namespace and name. */
public record ConfigMapRef(String name, String namespace) {
    public ConfigMapRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
