package dev.ibu.apiserver.auth;

import dev.ibu.apiserver.Identity;

/** What a resource request asks to do, as the authorizer sees it (Kubernetes' authorizer.Attributes). */
public record Attributes(Identity identity, String verb, String group, String resource, String subresource,
                         String namespace, String name) {
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** The API server's words for a denial (forbiddenMessage). */
    public String forbiddenMessage() {
        String base = "User \"" + identity.user() + "\" cannot " + verb + " resource \"" + resourceWithSubresource()
                + "\" in API group \"" + group + "\"";
        return namespace.isEmpty() ? base + " at the cluster scope" : base + " in the namespace \"" + namespace + "\"";
    }
}
