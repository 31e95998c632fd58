package dev.ibu.domain;

import java.time.Instant;
import java.util.Objects;

/** What every condition write needs besides its content: the object's generation and the time. */
public record Stamp(long generation, Instant now) {
    public Stamp {
        Objects.requireNonNull(now, "now");
    }
}
