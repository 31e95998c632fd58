package dev.ibu.apiserver.auth;

import tools.jackson.databind.JsonNode;

/** Whether one PolicyRule covers a resource request (Kubernetes' RuleAllows). */
final class RbacRule {
    private RbacRule() {
    }

    static boolean allows(JsonNode rule, Attributes a) {
        return has(rule.path("verbs"), a.verb())
                && has(rule.path("apiGroups"), a.group())
                && resourceMatches(rule.path("resources"), a)
                && nameMatches(rule.path("resourceNames"), a.name());
    }

    private static boolean has(JsonNode list, String value) {
        for (JsonNode n : list) {
            if (n.asString("").equals("*") || n.asString("").equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceMatches(JsonNode resources, Attributes a) {
        String combined = a.resourceWithSubresource();
        for (JsonNode n : resources) {
            String r = n.asString("");
            if (r.equals("*") || r.equals(combined)) {
                return true;
            }
            if (!a.subresource().isEmpty() && (r.equals("*/" + a.subresource()) || r.equals(a.resource() + "/*"))) {
                return true;
            }
        }
        return false;
    }

    /** resourceNames restrict a rule to named requests (never list, watch of a collection, create or deletecollection). */
    private static boolean nameMatches(JsonNode names, String name) {
        if (names.isMissingNode() || names.isEmpty()) {
            return true;
        }
        for (JsonNode n : names) {
            if (n.asString("").equals(name)) {
                return true;
            }
        }
        return false;
    }
}
