package dev.ibu.domain.fleet;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;

/** A metav1.LabelSelector: all of {@code matchLabels} and all of {@code matchExpressions} must hold. */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = matchLabels == null ? TreeMap.empty() : matchLabels;
        matchExpressions = matchExpressions == null ? List.empty() : matchExpressions;
    }

    public static LabelSelector labels(Map<String, String> labels) {
        return new LabelSelector(labels, List.empty());
    }

    public boolean matches(Map<String, String> labels) {
        return matchLabels.forAll(kv -> labels.get(kv._1).contains(kv._2))
                && matchExpressions.forAll(r -> r.matches(labels));
    }

    /** One matchExpressions entry. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = values == null ? List.empty() : values;
        }

        public boolean matches(Map<String, String> labels) {
            switch (operator) {
                case IN:
                    return labels.get(key).exists(values::contains);
                case NOT_IN:
                    return !labels.get(key).exists(values::contains);
                case EXISTS:
                    return labels.containsKey(key);
                default:
                    return !labels.containsKey(key);
            }
        }
    }

    /** The selector operators, wire names {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}. */
    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static io.vavr.control.Option<Operator> parse(String s) {
            return List.of(values()).find(o -> o.wireName.equals(s));
        }
    }
}
