package dev.ibu.apiserver;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One resource request as the authorizer saw it (Kubernetes' audit event at the Request level): who, which verb on
 * which group/resource/subresource, namespace and name, whether RBAC allowed it, and the raw HTTP method, path, query
 * and body. Discovery, OpenAPI and health documents are not resource requests and are not audited.
 */
public record AuditEvent(Identity identity, String verb, String group, String version, String resource,
                         String subresource, String namespace, String name, boolean allowed, String method, String path,
                         Map<String, String> query, byte[] body) {
    public AuditEvent {
        query = Map.copyOf(query);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The request's method and path (without the query) equal these. */
    public boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    public boolean dryRun() {
        return "All".equals(query.get("dryRun"));
    }

    /** {@code resource/subresource}, as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
