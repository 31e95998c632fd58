package dev.ibu.domain.fleet;

import io.vavr.control.Option;

import java.util.Locale;

/** One action of an IBGU plan item, as TALM spells it on the wire. */
public enum Action {
    PREP("Prep"),
    UPGRADE("Upgrade"),
    ROLLBACK("Rollback"),
    ABORT("Abort"),
    ABORT_ON_FAILURE("AbortOnFailure"),
    FINALIZE_UPGRADE("FinalizeUpgrade"),
    FINALIZE_ROLLBACK("FinalizeRollback");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The action in label form, e.g. {@code prep}, {@code finalizeupgrade}. */
    public String labelName() {
        return wireName.toLowerCase(Locale.ROOT);
    }

    /** Abort and AbortOnFailure take a spoke back to Idle without finishing the upgrade. */
    public boolean aborts() {
        return this == ABORT || this == ABORT_ON_FAILURE;
    }

    public static Option<Action> parse(String wireName) {
        for (Action a : values()) {
            if (a.wireName.equals(wireName)) {
                return Option.some(a);
            }
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
