package dev.ibu.adapters.oadp.local;

import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} AND {@code matchExpressions} with In, NotIn, Exists,
 * DoesNotExist), evaluated here as the API server would. An empty selector matches everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        expressions = List.copyOf(expressions);
    }

    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            boolean has = labels.containsKey(key);
            return switch (operator) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
        }
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(l.get(e.getKey()))) {
                return false;
            }
        }
        return expressions.stream().allMatch(r -> r.matches(l));
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && expressions.isEmpty();
    }

    public LabelSelector and(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(matchLabels);
        m.put(key, value);
        return new LabelSelector(m, expressions);
    }

    /** Parses a selector object of a Backup spec; {@code field} names it in messages. */
    public static Either<String, LabelSelector> parse(Object raw, String field) {
        if (raw == null) {
            return Either.right(EVERYTHING);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            return Either.left(field + " must be an object with matchLabels and/or matchExpressions");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Object ml = map.get("matchLabels");
        if (ml instanceof Map<?, ?> m) {
            m.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        } else if (ml != null) {
            return Either.left(field + ".matchLabels must be a map of strings");
        }
        List<Requirement> reqs = new ArrayList<>();
        Object me = map.get("matchExpressions");
        if (me instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> r) || r.get("key") == null || r.get("operator") == null) {
                    return Either.left(field + ".matchExpressions entries need key and operator");
                }
                String op = String.valueOf(r.get("operator"));
                if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                    return Either.left(field + ".matchExpressions operator \"" + op
                            + "\" is not one of In, NotIn, Exists, DoesNotExist");
                }
                List<String> values = r.get("values") instanceof List<?> v ? v.stream().map(String::valueOf).toList()
                        : List.of();
                reqs.add(new Requirement(String.valueOf(r.get("key")), op, values));
            }
        } else if (me != null) {
            return Either.left(field + ".matchExpressions must be a list");
        }
        return Either.right(new LabelSelector(labels, reqs));
    }
}
