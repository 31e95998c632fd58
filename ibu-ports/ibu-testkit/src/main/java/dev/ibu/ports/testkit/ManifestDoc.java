package dev.ibu.ports.testkit;

import io.vavr.control.Option;

import java.util.Objects;

/**
 * One YAML document of a ConfigMap value as the in-memory ports see it: the few fields they read, and its text.
 *
 * @param source where it came from, {@code <namespace>/<name> key <key>}, for messages
 */
public record ManifestDoc(String source, String key, Option<String> apiVersion, Option<String> kind, String name,
                          String namespace, Option<String> applyWave, Option<String> backupName, String text) {
    public static final String APPLY_WAVE = "lca.openshift.io/apply-wave";

    public ManifestDoc {
        Objects.requireNonNull(source);
        Objects.requireNonNull(key);
        Objects.requireNonNull(name);
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(text);
        apiVersion = apiVersion == null ? Option.none() : apiVersion;
        kind = kind == null ? Option.none() : kind;
        applyWave = applyWave == null ? Option.none() : applyWave;
        backupName = backupName == null ? Option.none() : backupName;
    }

    public boolean isKind(String k) {
        return kind.contains(k);
    }

    /** {@code Kind[name]}, as upstream's messages name an object. */
    public String label() {
        return kind.getOrElse("<no kind>") + "[" + name + "]";
    }
}
