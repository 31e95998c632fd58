package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A label selector in the query-string syntax: {@code a=b,c!=d,e in (f,g),h notin (i),j,!k}. */
public final class LabelSelector {
    private final List<Predicate<JsonNode>> requirements;

    private LabelSelector(List<Predicate<JsonNode>> requirements) {
        this.requirements = requirements;
    }

    public static LabelSelector parse(String text) {
        List<Predicate<JsonNode>> reqs = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String term : split(text)) {
                reqs.add(requirement(term.trim()));
            }
        }
        return new LabelSelector(reqs);
    }

    /** Splits on commas outside parentheses. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static Predicate<JsonNode> requirement(String term) {
        String[] setOp = term.split("\\s+(?=(in|notin)\\s*\\()", 2);
        if (setOp.length == 2) {
            String key = setOp[0].trim();
            boolean in = setOp[1].startsWith("in");
            String list = setOp[1].substring(setOp[1].indexOf('(') + 1, setOp[1].lastIndexOf(')'));
            Set<String> values = Set.of(list.split("\\s*,\\s*"));
            return in ? l -> values.contains(l.path(key).asString(null)) : l -> !values.contains(l.path(key).asString(null));
        }
        if (term.contains("!=")) {
            String[] kv = term.split("!=", 2);
            return l -> !kv[1].trim().equals(l.path(kv[0].trim()).asString(null));
        }
        if (term.contains("=")) {
            String[] kv = term.split("==?", 2);
            return l -> kv[1].trim().equals(l.path(kv[0].trim()).asString(null));
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return l -> !l.has(key);
        }
        if (term.isEmpty() || !term.matches("[A-Za-z0-9./_-]+")) {
            throw StatusError.badRequest("unable to parse requirement: found '" + term + "', expected: identifier");
        }
        return l -> l.has(term);
    }

    public boolean matches(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return requirements.stream().allMatch(r -> r.test(labels));
    }
}
