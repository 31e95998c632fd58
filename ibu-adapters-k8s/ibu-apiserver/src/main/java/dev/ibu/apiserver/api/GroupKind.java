package dev.ibu.apiserver.api;

/** A kind in a group, printed as the API server does: {@code ConfigMap}, {@code ImageBasedUpgrade.lca.openshift.io}. */
public record GroupKind(String group, String kind) {
    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
