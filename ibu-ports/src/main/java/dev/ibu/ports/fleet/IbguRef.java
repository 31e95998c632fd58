package dev.ibu.ports.fleet;

import java.util.Objects;

/** The namespaced name of an ImageBasedGroupUpgrade on the hub. */
public record IbguRef(String namespace, String name) {
    public IbguRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
