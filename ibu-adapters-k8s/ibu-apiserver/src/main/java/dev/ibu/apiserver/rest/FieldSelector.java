package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A field selector: {@code metadata.name=x,metadata.namespace!=y}. Every resource supports metadata.name and
 * metadata.namespace; a few built-in kinds support more fields, as on a real server. Any other field is refused.
 */
public final class FieldSelector {
    private static final Map<String, Set<String>> EXTRA = Map.of(
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                    "reportingComponent", "source", "type", "regarding.name", "regarding.kind", "regarding.namespace"),
            "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "status.phase", "status.podIP", "status.nominatedNodeName"),
            "secrets", Set.of("type"),
            "namespaces", Set.of("status.phase"),
            "nodes", Set.of("spec.unschedulable"));

    private record Term(String field, String value, boolean equal) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector parse(String text, String resource) {
        List<Term> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String t : text.split(",")) {
                boolean not = t.contains("!=");
                String[] kv = t.split(not ? "!=" : "==?", 2);
                if (kv.length != 2) {
                    throw StatusError.badRequest("invalid selector: '" + text + "'; can't understand '" + t + "'");
                }
                String field = kv[0].trim();
                if (!field.equals("metadata.name") && !field.equals("metadata.namespace")
                        && !EXTRA.getOrDefault(resource, Set.of()).contains(field)) {
                    throw StatusError.badRequest("field label not supported: " + field);
                }
                terms.add(new Term(field, kv[1].trim(), !not));
            }
        }
        return new FieldSelector(terms);
    }

    /** The name an equality on metadata.name pins, if any (a single-object watch). */
    public Optional<String> name() {
        return terms.stream().filter(t -> t.equal && t.field.equals("metadata.name")).map(Term::value).findFirst();
    }

    public boolean matches(JsonNode object) {
        for (Term t : terms) {
            JsonNode at = object;
            for (String p : t.field.split("\\.")) {
                at = at.path(p);
            }
            String actual = at.isMissingNode() || at.isNull() ? "" : at.asString();
            if (t.field.equals("source") && at.isObject()) {
                actual = at.path("component").asString("");
            }
            if (actual.equals(t.value) != t.equal) {
                return false;
            }
        }
        return true;
    }
}
