package dev.ibu.adapters.oadp.local;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object kept by the local backup, as the API server returned it (Velero also stores objects
 * untouched and transforms them at restore). Its file, relative to the Backup's directory, follows Velero's archive
 * layout: {@code resources/<plural[.group]>/namespaces/<ns>/<name>.yaml} or {@code resources/<plural[.group]>/cluster/<name>.yaml}.
 */
public record BackedUpObject(ApiResource resource, String namespace, String name, Map<String, Object> object) {
    public BackedUpObject {
        Objects.requireNonNull(resource, "resource");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(object, "object");
    }

    /** The file of this object; names were checked by {@link SafeName} before (see {@link #pathProblem}). */
    public String file() {
        String base = "resources/" + resource.qualified() + "/";
        return resource.namespaced() ? base + "namespaces/" + namespace + "/" + name + ".yaml"
                : base + "cluster/" + name + ".yaml";
    }

    /** Why this object cannot be stored under a path built from its names, or null. */
    public String pathProblem() {
        String shown = describe().length() > 80 ? describe().substring(0, 80) + "..." : describe();
        String what = resource.kind() + " " + shown;
        java.util.List<io.vavr.control.Either<String, String>> checks = new java.util.ArrayList<>(java.util.List.of(
                SafeName.segment("resource of " + what, resource.qualified()), SafeName.segment("name of " + what, name)));
        if (resource.namespaced()) {
            checks.add(SafeName.segment("namespace of " + what, namespace));
        }
        return checks.stream().filter(io.vavr.control.Either::isLeft).map(io.vavr.control.Either::getLeft).findFirst()
                .orElse(null);
    }

    /** {@code namespace/name} or {@code name}: how people name objects in messages (never their content). */
    public String describe() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    public String key() {
        return resource.qualified() + "|" + namespace + "|" + name;
    }
}
