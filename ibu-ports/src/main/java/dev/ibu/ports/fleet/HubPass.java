package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.Decision;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * What one reconcile pass did: the decision (none when the IBGU is gone), when to look again without a watch event,
 * and how many writes it cost (works applied, labels changed, status written or not).
 */
public record HubPass(Option<Decision> decision, Option<Instant> wakeAt, int worksWritten, int labelsWritten,
                      boolean statusWritten) {
    /** The IBGU is gone; {@code worksDeleted} of its works were deleted. */
    static HubPass gone(int worksDeleted) {
        return new HubPass(Option.none(), Option.none(), worksDeleted, 0, false);
    }
}
