package dev.ibu.apiserver.discovery;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The simple JSONPath printer columns use: {@code .a.b}, {@code ['a']}, {@code [n]}, {@code [a:b]} (negative
 * bounds too), {@code [*]} and {@code [?(@.field=="value")]}. Returns every match in order.
 */
public final class JsonPath {
    private JsonPath() {
    }

    public static List<JsonNode> find(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        int i = 0;
        while (i < p.length() && !current.isEmpty()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String field = p.substring(i + 1, end);
                current = field.isEmpty() ? current : step(current, field);
                i = end;
            } else if (c == '[') {
                int end = closing(p, i);
                current = bracket(current, p.substring(i + 1, end).trim());
                i = end + 1;
            } else {
                int end = i;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                current = step(current, p.substring(i, end));
                i = end;
            }
        }
        return current;
    }

    private static int closing(String p, int open) {
        int depth = 0;
        for (int i = open; i < p.length(); i++) {
            if (p.charAt(i) == '[') {
                depth++;
            } else if (p.charAt(i) == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed [ in " + p);
    }

    private static List<JsonNode> step(List<JsonNode> nodes, String field) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (field.equals("*")) {
                n.forEach(out::add);
            } else if (n.isObject() && n.has(field)) {
                out.add(n.get(field));
            }
        }
        return out;
    }

    private static List<JsonNode> bracket(List<JsonNode> nodes, String expr) {
        if (expr.startsWith("'") || expr.startsWith("\"")) {
            return step(nodes, expr.substring(1, expr.length() - 1));
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (!n.isArray()) {
                continue;
            }
            if (expr.equals("*")) {
                n.forEach(out::add);
            } else if (expr.startsWith("?(")) {
                n.forEach(item -> {
                    if (filter(item, expr.substring(2, expr.length() - 1))) {
                        out.add(item);
                    }
                });
            } else if (expr.contains(":")) {
                String[] b = expr.split(":", -1);
                int size = n.size();
                int from = bound(b[0], 0, size);
                int to = bound(b[1], size, size);
                for (int k = from; k < to; k++) {
                    out.add(n.get(k));
                }
            } else {
                int k = Integer.parseInt(expr);
                k = k < 0 ? n.size() + k : k;
                if (k >= 0 && k < n.size()) {
                    out.add(n.get(k));
                }
            }
        }
        return out;
    }

    private static int bound(String text, int dflt, int size) {
        if (text.isBlank()) {
            return dflt;
        }
        int v = Integer.parseInt(text.trim());
        v = v < 0 ? size + v : v;
        return Math.max(0, Math.min(size, v));
    }

    /** {@code @.a.b=="x"} or {@code @.a!="x"} or {@code @.a} (exists). */
    private static boolean filter(JsonNode item, String condition) {
        String op = condition.contains("==") ? "==" : condition.contains("!=") ? "!=" : null;
        if (op == null) {
            return !find(item, condition.trim().substring(1)).isEmpty();
        }
        String[] sides = condition.split(op, 2);
        List<JsonNode> left = find(item, sides[0].trim().substring(1));
        String right = sides[1].trim().replaceAll("^['\"]|['\"]$", "");
        boolean equal = !left.isEmpty() && left.get(0).asString("").equals(right);
        return op.equals("==") == equal;
    }
}
