package dev.ibu.apiserver.auth;

import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.api.GroupResource;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes RBAC evaluated from the Role, ClusterRole, RoleBinding and ClusterRoleBinding objects in the store:
 * ClusterRoleBindings grant everywhere, RoleBindings grant in their namespace (a Role there or a ClusterRole);
 * rules match verbs, apiGroups, resources (with "resource/subresource", "*" and "*&#47;subresource") and
 * resourceNames. {@code system:masters} is allowed everything, as Kubernetes' superuser authorizer does.
 * Aggregated ClusterRoles are not expanded.
 */
public final class RbacAuthorizer {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private final ObjectStore store;

    public RbacAuthorizer(ObjectStore store) {
        this.store = store;
    }

    /** Throws 403 in the API server's words unless a rule allows the request. */
    public void authorize(Attributes a) {
        if (a.identity().groups().contains("system:masters")) {
            return;
        }
        List<String> errors = new ArrayList<>();
        if (allowed(a, errors)) {
            return;
        }
        String why = a.forbiddenMessage() + (errors.isEmpty() ? "" : ": RBAC: " + aggregate(errors));
        throw StatusError.forbidden(new GroupResource(a.group(), a.resource()), a.name(), why);
    }

    /** Whether the request would be allowed (SelfSubjectAccessReview). */
    public boolean allows(Attributes a) {
        return a.identity().groups().contains("system:masters") || allowed(a, new ArrayList<>());
    }

    /**
     * Whether a ClusterRole bound to the identity has a nonResourceURLs rule for the path and verb (an exact URL, or a
     * prefix ending in {@code *}), as Kubernetes' NonResourceURLMatches; {@code system:masters} may do everything.
     */
    public boolean allowsNonResource(Identity identity, String verb, String path) {
        if (identity.groups().contains("system:masters")) {
            return true;
        }
        for (ObjectNode binding : store.list(RBAC, "clusterrolebindings", null)) {
            if (!binds(binding, identity, "")) {
                continue;
            }
            for (JsonNode rule : rulesOf(binding, "", new ArrayList<>())) {
                boolean verbOk = false;
                for (JsonNode v : rule.path("verbs")) {
                    verbOk |= v.asString("").equals("*") || v.asString("").equals(verb);
                }
                for (JsonNode u : rule.path("nonResourceURLs")) {
                    String url = u.asString("");
                    boolean match = url.equals("*") || url.equals(path)
                            || (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1)));
                    if (verbOk && match) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    private boolean allowed(Attributes a, List<String> errors) {
        for (ObjectNode binding : store.list(RBAC, "clusterrolebindings", null)) {
            if (binds(binding, a.identity(), "") && rulesOf(binding, "", errors).stream().anyMatch(r -> RbacRule.allows(r, a))) {
                return true;
            }
        }
        if (a.namespace().isEmpty()) {
            return false;
        }
        for (ObjectNode binding : store.list(RBAC, "rolebindings", a.namespace())) {
            if (binds(binding, a.identity(), a.namespace())
                    && rulesOf(binding, a.namespace(), errors).stream().anyMatch(r -> RbacRule.allows(r, a))) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> rulesOf(ObjectNode binding, String namespace, List<String> errors) {
        JsonNode ref = binding.path("roleRef");
        String kind = ref.path("kind").asString("");
        String name = ref.path("name").asString("");
        Optional<ObjectNode> role = kind.equals("Role")
                ? store.get(new StoreKey(RBAC, "roles", namespace, name))
                : store.get(new StoreKey(RBAC, "clusterroles", "", name));
        if (role.isEmpty()) {
            errors.add((kind.equals("Role") ? "role" : "clusterrole") + ".rbac.authorization.k8s.io \"" + name + "\" not found");
            return List.of();
        }
        List<JsonNode> rules = new ArrayList<>();
        role.get().path("rules").forEach(rules::add);
        return rules;
    }

    private static boolean binds(ObjectNode binding, Identity id, String bindingNamespace) {
        for (JsonNode s : binding.path("subjects")) {
            String kind = s.path("kind").asString("");
            String name = s.path("name").asString("");
            switch (kind) {
                case "User" -> {
                    if (name.equals(id.user())) {
                        return true;
                    }
                }
                case "Group" -> {
                    if (id.groups().contains(name)) {
                        return true;
                    }
                }
                case "ServiceAccount" -> {
                    String ns = s.path("namespace").asString(bindingNamespace);
                    if (id.user().equals("system:serviceaccount:" + ns + ":" + name)) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }
}
