package dev.ibu.apiserver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GroupKind;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.auth.Attributes;
import dev.ibu.apiserver.auth.RbacAuthorizer;
import dev.ibu.apiserver.auth.Tokens;
import dev.ibu.apiserver.registry.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TokenReview and SubjectAccessReview, what a component that authenticates and authorizes its own callers asks (as
 * controller-runtime's secure metrics filter does): create-only, never stored, and, unlike SelfSubjectAccessReview,
 * allowed only to callers whose RBAC grants {@code create} on them (the endpoint authorizes before it gets here).
 */
final class DelegatedReviews {
    private DelegatedReviews() {
    }

    static boolean handles(ResourceType t) {
        return (t.group().equals("authentication.k8s.io") && t.plural().equals("tokenreviews"))
                || (t.group().equals("authorization.k8s.io") && t.plural().equals("subjectaccessreviews"));
    }

    static void review(HttpExchange ex, String verb, ResourceType t, JsonNode body, Tokens tokens, RbacAuthorizer authorizer)
            throws IOException {
        if (!verb.equals("create")) {
            throw StatusError.methodNotAllowed();
        }
        ObjectNode out = ((ObjectNode) body).deepCopy();
        out.put("apiVersion", t.apiVersion()).put("kind", t.kind());
        if (t.plural().equals("tokenreviews")) {
            Optional<Identity> who = tokens.lookup(body.path("spec").path("token").asString(""));
            ObjectNode status = out.putObject("status").put("authenticated", who.isPresent());
            if (who.isPresent()) {
                ObjectNode user = status.putObject("user").put("username", who.get().user());
                who.get().groups().forEach(user.putArray("groups")::add);
            } else {
                status.put("error", "invalid bearer token");
            }
        } else {
            JsonNode spec = body.path("spec");
            List<String> groups = new ArrayList<>();
            spec.path("groups").forEach(g -> groups.add(g.asString("")));
            Identity subject = new Identity(spec.path("user").asString(""), groups);
            JsonNode ra = spec.path("resourceAttributes");
            JsonNode nra = spec.path("nonResourceAttributes");
            boolean allowed;
            if (!ra.isMissingNode()) {
                allowed = authorizer.allows(new Attributes(subject, ra.path("verb").asString(""), ra.path("group").asString(""),
                        ra.path("resource").asString(""), ra.path("subresource").asString(""),
                        ra.path("namespace").asString(""), ra.path("name").asString("")));
            } else if (!nra.isMissingNode()) {
                allowed = authorizer.allowsNonResource(subject, nra.path("verb").asString(""), nra.path("path").asString(""));
            } else {
                throw StatusError.invalid(new GroupKind(t.group(), t.kind()), "", List.of(FieldError.invalid(
                        "spec.resourceAttributes", FieldError.OMIT,
                        "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
            }
            out.putObject("status").put("allowed", allowed);
        }
        Replies.json(ex, 201, out, List.of());
    }
}
