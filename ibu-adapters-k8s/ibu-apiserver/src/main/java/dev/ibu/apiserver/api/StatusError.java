package dev.ibu.apiserver.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.ibu.apiserver.json.Json;

/**
 * A failed request, carried to the HTTP edge and written as a {@code Status} object in the API server's exact form
 * and wording (apimachinery's {@code errors.New...} functions). Thrown to unwind a request; never escapes the server.
 */
public final class StatusError extends RuntimeException {
    private final int code;
    private final transient ObjectNode status;

    private StatusError(int code, String reason, String message, ObjectNode details) {
        super(message, null, false, false);
        this.code = code;
        this.status = Json.object();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message);
        if (reason != null) {
            status.put("reason", reason);
        }
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
    }

    public int code() {
        return code;
    }

    public ObjectNode status() {
        return status.deepCopy();
    }

    public String reason() {
        return status.path("reason").asString("");
    }

    private static ObjectNode details(String name, String group, String kind) {
        ObjectNode d = Json.object();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        if (group != null && !group.isEmpty()) {
            d.put("group", group);
        }
        if (kind != null && !kind.isEmpty()) {
            d.put("kind", kind);
        }
        return d;
    }

    public static StatusError notFound(GroupResource gr, String name) {
        return new StatusError(404, "NotFound", gr + " \"" + name + "\" not found",
                details(name, gr.group(), gr.resource()));
    }

    public static StatusError alreadyExists(GroupResource gr, String name) {
        return new StatusError(409, "AlreadyExists", gr + " \"" + name + "\" already exists",
                details(name, gr.group(), gr.resource()));
    }

    public static StatusError conflict(GroupResource gr, String name, String why) {
        return new StatusError(409, "Conflict", "Operation cannot be fulfilled on " + gr + " \"" + name + "\": " + why,
                details(name, gr.group(), gr.resource()));
    }

    public static StatusError staleResourceVersion(GroupResource gr, String name) {
        return conflict(gr, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static StatusError forbidden(GroupResource gr, String name, String why) {
        String subject = name == null || name.isEmpty() ? gr.toString() : gr + " \"" + name + "\"";
        return new StatusError(403, "Forbidden", subject + " is forbidden: " + why, details(name, gr.group(), gr.resource()));
    }

    /** apimachinery's NewInvalid: 422, the aggregate of the errors (de-duplicated, bracketed when more than one). */
    public static StatusError invalid(GroupKind gk, String name, List<FieldError> errors) {
        ObjectNode details = details(name, gk.group(), gk.kind());
        ArrayNode causes = details.putArray("causes");
        Set<String> messages = new LinkedHashSet<>();
        for (FieldError e : errors) {
            causes.addObject().put("reason", e.type().causeType()).put("message", e.body()).put("field", e.field());
            messages.add(e.toString());
        }
        String aggregate = messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
        String message = errors.isEmpty() ? gk + " \"" + name + "\" is invalid" : gk + " \"" + name + "\" is invalid: " + aggregate;
        return new StatusError(422, "Invalid", message, details);
    }

    public static StatusError badRequest(String message) {
        return new StatusError(400, "BadRequest", message, null);
    }

    public static StatusError unauthorized() {
        return new StatusError(401, "Unauthorized", "Unauthorized", null);
    }

    public static StatusError methodNotAllowed() {
        return new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                details(null, null, null));
    }

    public static StatusError notFoundResource() {
        return new StatusError(404, "NotFound", "the server could not find the requested resource", details(null, null, null));
    }

    public static StatusError unsupportedMediaType(String contentType, List<String> accepted) {
        return new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + String.join(", ", accepted), null);
    }

    public static StatusError notAcceptable(String accept) {
        return new StatusError(406, "NotAcceptable", "only the following media types are accepted: application/json, application/yaml", null);
    }

    /** A watch from a resourceVersion older than the retained history (sent as an ERROR event). */
    public static StatusError expired(String message) {
        return new StatusError(410, "Expired", message, null);
    }

    public static StatusError unavailable(String message) {
        return new StatusError(503, "ServiceUnavailable", message, null);
    }

    public static StatusError internal(String message) {
        return new StatusError(500, "InternalError", "Internal error occurred: " + message, null);
    }

    /** An injected failure's Status, with the reason and message the test chose. */
    public static StatusError of(int code, String reason, String message) {
        return new StatusError(code, reason.isEmpty() ? null : reason, message, null);
    }

    public static StatusError unprocessable(String message) {
        return new StatusError(422, "Invalid", message, null);
    }

    /** A success Status (for deletes that answer with one). */
    public static ObjectNode success(GroupResource gr, String name) {
        ObjectNode s = Json.object();
        s.put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        s.set("details", details(name, gr.group(), gr.resource()));
        return s;
    }
}
