package dev.ibu.apiserver.store;

import java.util.Comparator;

/** Where an object lives: group and resource (all versions share storage), namespace ("" when cluster-scoped), name. */
public record StoreKey(String group, String resource, String namespace, String name) implements Comparable<StoreKey> {
    private static final Comparator<StoreKey> ORDER = Comparator.comparing(StoreKey::group)
            .thenComparing(StoreKey::resource).thenComparing(StoreKey::namespace).thenComparing(StoreKey::name);

    public StoreKey {
        namespace = namespace == null ? "" : namespace;
    }

    public boolean sameResource(String g, String r) {
        return group.equals(g) && resource.equals(r);
    }

    @Override
    public int compareTo(StoreKey o) {
        return ORDER.compare(this, o);
    }
}
