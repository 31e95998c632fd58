package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.auth.Attributes;
import dev.ibu.apiserver.auth.RbacAuthorizer;
import dev.ibu.apiserver.registry.ResourceType;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** SelfSubjectAccessReview (what {@code kubectl auth can-i} asks, in protobuf): create-only, open to everyone, never stored. */
final class AccessReviews {
    private AccessReviews() {
    }

    static boolean handles(ResourceType t) {
        return t.group().equals("authorization.k8s.io") && t.plural().equals("selfsubjectaccessreviews");
    }

    static void review(HttpExchange ex, ApiRequest r, String verb, JsonNode body, RbacAuthorizer authorizer) throws IOException {
        if (!verb.equals("create")) {
            throw StatusError.methodNotAllowed();
        }
        JsonNode ra = body.path("spec").path("resourceAttributes");
        if (ra.isMissingNode()) {
            throw StatusError.invalid(new dev.ibu.apiserver.api.GroupKind("authorization.k8s.io", "SelfSubjectAccessReview"), "",
                    List.of(dev.ibu.apiserver.api.FieldError.invalid("spec.resourceAttributes", dev.ibu.apiserver.api.FieldError.OMIT,
                            "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
        }
        Attributes a = new Attributes(r.identity(), ra.path("verb").asString(""), ra.path("group").asString(""),
                ra.path("resource").asString(""), ra.path("subresource").asString(""), ra.path("namespace").asString(""),
                ra.path("name").asString(""));
        ObjectNode out = ((ObjectNode) body).deepCopy();
        out.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
        ObjectNode status = out.putObject("status").put("allowed", authorizer.allows(a));
        if (!status.path("allowed").asBoolean()) {
            status.put("reason", "");
        }
        Replies.json(ex, 201, out, List.of());
    }
}
