package dev.ibu.domain;

import io.vavr.control.Option;

/** metav1.ConditionStatus. */
public enum ConditionStatus {
    TRUE("True"), FALSE("False"), UNKNOWN("Unknown");

    private final String wireName;

    ConditionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Option<ConditionStatus> parse(String wireName) {
        for (ConditionStatus s : values()) {
            if (s.wireName.equals(wireName)) {
                return Option.some(s);
            }
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
