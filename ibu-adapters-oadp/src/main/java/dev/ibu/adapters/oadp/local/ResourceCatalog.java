package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kinds to consider, from the API server's discovery (core {@code v1} plus each group's preferred version), as
 * Velero does: only kinds that can be listed and created, no subresources.
 */
public final class ResourceCatalog {
    private final List<ApiResource> resources;

    public ResourceCatalog(List<ApiResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static Either<ApiError, ResourceCatalog> discover(KubernetesClient client) {
        return ApiError.call(() -> {
            List<ApiResource> out = new ArrayList<>();
            add(out, "", "v1", client.getApiResources("v1"));
            var groups = client.getApiGroups();
            if (groups != null && groups.getGroups() != null) {
                for (APIGroup g : groups.getGroups()) {
                    if (g.getPreferredVersion() == null) {
                        continue;
                    }
                    String gv = g.getPreferredVersion().getGroupVersion();
                    add(out, g.getName(), g.getPreferredVersion().getVersion(), client.getApiResources(gv));
                }
            }
            return new ResourceCatalog(out);
        });
    }

    private static void add(List<ApiResource> out, String group, String version, APIResourceList list) {
        if (list == null || list.getResources() == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            List<String> verbs = r.getVerbs() == null ? List.of() : r.getVerbs();
            if (r.getName().contains("/") || !verbs.contains("list") || !verbs.contains("create")) {
                continue;
            }
            out.add(new ApiResource(group, version, r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced()),
                    r.getSingularName(), r.getShortNames()));
        }
    }

    public List<ApiResource> all() {
        return resources;
    }

    /** The resource a Velero filter entry names; empty when none does. */
    public Optional<ApiResource> find(String entry) {
        if (entry.trim().equals("*")) {
            return Optional.empty();
        }
        return resources.stream().filter(r -> r.named(entry)).findFirst();
    }

    public Optional<ApiResource> byKind(String apiVersion, String kind) {
        return resources.stream().filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind)).findFirst()
                .or(() -> resources.stream().filter(r -> r.kind().equals(kind)
                        && apiVersion.startsWith(r.group().isEmpty() ? "v" : r.group() + "/")).findFirst());
    }
}
