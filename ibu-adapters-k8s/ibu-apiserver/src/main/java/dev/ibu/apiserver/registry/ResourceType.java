package dev.ibu.apiserver.registry;

import dev.ibu.apiserver.api.GroupKind;
import dev.ibu.apiserver.api.GroupResource;
import java.util.List;
import java.util.Optional;

/**
 * One served resource of one group-version: its names, scope and behaviour.
 *
 * @param generation whether metadata.generation is kept (custom resources, CRDs)
 * @param custom     the custom resource definition details, for resources defined by a CRD
 */
public record ResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
                           List<String> shortNames, List<String> categories, boolean statusSubresource, boolean generation,
                           Optional<CustomResource> custom) {
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
    }

    /** The access and token reviews: create-only, as on a real server. */
    private static final java.util.Set<String> REVIEWS = java.util.Set.of("authorization.k8s.io/selfsubjectaccessreviews",
            "authorization.k8s.io/subjectaccessreviews", "authentication.k8s.io/tokenreviews");

    /** The verbs discovery advertises: the reviews are create-only, as on a real server. */
    public List<String> verbs() {
        return REVIEWS.contains(group + "/" + plural) ? List.of("create") : VERBS;
    }

    public GroupResource groupResource() {
        return new GroupResource(group, plural);
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return kind + "List";
    }

    /** Custom resources refuse an update without metadata.resourceVersion (AllowUnconditionalUpdate is false). */
    public boolean requiresResourceVersionOnUpdate() {
        return custom.isPresent();
    }
}
