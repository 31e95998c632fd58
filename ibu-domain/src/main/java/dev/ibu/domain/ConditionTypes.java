package dev.ibu.domain;

/** The condition types an ImageBasedUpgrade carries (spec §2.1). */
public final class ConditionTypes {
    public static final String IDLE = "Idle";
    public static final String PREP_IN_PROGRESS = "PrepInProgress";
    public static final String PREP_COMPLETED = "PrepCompleted";
    public static final String UPGRADE_IN_PROGRESS = "UpgradeInProgress";
    public static final String UPGRADE_COMPLETED = "UpgradeCompleted";
    public static final String ROLLBACK_IN_PROGRESS = "RollbackInProgress";
    public static final String ROLLBACK_COMPLETED = "RollbackCompleted";

    private ConditionTypes() {
    }
}
