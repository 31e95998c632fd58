package dev.ibu.adapters.oadp.local;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One kind the API server serves (from discovery): group (empty for core), preferred version, plural, kind, scope,
 * and the other names people use for it in Velero filters (singular, short names, {@code plural.group}).
 */
public record ApiResource(String group, String version, String plural, String kind, boolean namespaced,
                          String singular, List<String> shortNames) {
    public ApiResource {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(kind, "kind");
        singular = singular == null ? "" : singular;
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
    }

    /** {@code plural} for the core group, {@code plural.group} otherwise: Velero's fully qualified name. */
    public String qualified() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether a Velero filter entry names this resource ({@code *} names all). */
    public boolean named(String entry) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (e.equals("*") || e.equals(plural) || e.equals(qualified())) {
            return true;
        }
        String bare = e;
        int dot = e.indexOf('.');
        if (dot > 0) {
            if (!e.substring(dot + 1).equals(group)) {
                return false;
            }
            bare = e.substring(0, dot);
        }
        return bare.equals(plural) || bare.equals(singular) || bare.equals(kind.toLowerCase(Locale.ROOT))
                || shortNames.contains(bare);
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
                .withKind(kind).withNamespaced(namespaced).build();
    }
}
