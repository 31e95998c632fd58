package dev.ibu.domain.fleet;

import io.vavr.control.Option;

/**
 * What a failed spoke becomes. {@code Abort} (TALM's behaviour): the spoke is failed and a later Abort or AbortOnFailure
 * step takes it back to Idle. {@code Hold}: the spoke is held as it is for troubleshooting; no later step aborts it.
 */
public enum OnFailure {
    ABORT("Abort"), HOLD("Hold");

    private final String wireName;

    OnFailure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Option<OnFailure> parse(String wireName) {
        for (OnFailure o : values()) {
            if (o.wireName.equals(wireName)) {
                return Option.some(o);
            }
        }
        return Option.none();
    }
}
