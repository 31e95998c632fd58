package dev.ibu.domain;

import io.vavr.control.Option;

/** The four stages of an image-based upgrade, with their wire names and condition types. */
public enum Stage {
    IDLE("Idle", ConditionTypes.IDLE, ConditionTypes.IDLE),
    PREP("Prep", ConditionTypes.PREP_IN_PROGRESS, ConditionTypes.PREP_COMPLETED),
    UPGRADE("Upgrade", ConditionTypes.UPGRADE_IN_PROGRESS, ConditionTypes.UPGRADE_COMPLETED),
    ROLLBACK("Rollback", ConditionTypes.ROLLBACK_IN_PROGRESS, ConditionTypes.ROLLBACK_COMPLETED);

    private final String wireName;
    private final String inProgressType;
    private final String completedType;

    Stage(String wireName, String inProgressType, String completedType) {
        this.wireName = wireName;
        this.inProgressType = inProgressType;
        this.completedType = completedType;
    }

    /** The name as written in {@code spec.stage}, e.g. {@code Prep}. */
    public String wireName() {
        return wireName;
    }

    /** The condition type that says the stage is running (for Idle: {@code Idle} itself). */
    public String inProgressType() {
        return inProgressType;
    }

    /** The condition type that says the stage finished (for Idle: {@code Idle} itself). */
    public String completedType() {
        return completedType;
    }

    /** Parses a wire name exactly (case-sensitive, as the CRD enum is). */
    public static Option<Stage> parse(String wireName) {
        for (Stage s : values()) {
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
