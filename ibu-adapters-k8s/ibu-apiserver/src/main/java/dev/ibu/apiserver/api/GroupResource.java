package dev.ibu.apiserver.api;

/** A resource in a group, printed as the API server does: {@code configmaps}, {@code imagebasedupgrades.lca.openshift.io}. */
public record GroupResource(String group, String resource) {
    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
