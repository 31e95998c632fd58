package dev.ibu.domain;

/** Condition reasons used by the IBU (spec §2.2). */
public final class Reasons {
    public static final String IDLE = "Idle";
    public static final String IN_PROGRESS = "InProgress";
    public static final String COMPLETED = "Completed";
    public static final String FAILED = "Failed";
    public static final String ABORTING = "Aborting";
    public static final String ABORT_FAILED = "AbortFailed";
    public static final String FINALIZING = "Finalizing";
    public static final String FINALIZE_FAILED = "FinalizeFailed";
    public static final String INVALID_TRANSITION = "InvalidTransition";
    public static final String BLOCKED = "Blocked";

    private Reasons() {
    }
}
