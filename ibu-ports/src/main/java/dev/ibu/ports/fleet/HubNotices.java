package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.Summary;
import dev.ibu.ports.out.EventPort;

/**
 * The Events of a pass, each said once: spokes started, a spoke failed (with its own condition message, at once, not at
 * the step's timeout), the rollout halted, a step completed, the rollout completed.
 */
final class HubNotices {
    private HubNotices() {
    }

    static void emit(HubEventsPort events, IbguRef ref, ImageBasedGroupUpgrade ibgu, RolloutStatus before,
                     Decision d) {
        if (!d.starts().isEmpty()) {
            events.emit(ref, EventPort.Type.NORMAL, "SpokesStarted", d.starts().size() + " spoke(s) started on "
                    + describe(ibgu, d.step()) + ": " + d.starts().take(10).map(s -> s.cluster() + " " + s.action())
                    .mkString(", ") + (d.starts().size() > 10 ? ", ..." : ""));
        }
        for (ClusterRow row : d.rows()) {
            boolean wasInFlight = before.clusters().get(row.name())
                    .exists(o -> o.step() == row.step() && o.state() == dev.ibu.domain.fleet.RowState.IN_PROGRESS);
            if (row.state().failure() && wasInFlight) {
                events.emit(ref, EventPort.Type.WARNING, "SpokeFailed", row.name() + " " + row.state().wireName()
                        + " at " + row.action() + (row.held() ? " (held for troubleshooting)" : "") + ": "
                        + row.message());
            }
        }
        boolean newHalt = d.halted().isDefined() && before.halt().filter(h -> h.step() == d.step()).isEmpty();
        if (newHalt) {
            events.emit(ref, EventPort.Type.WARNING, "RolloutHalted", d.halted().get());
        }
        if (d.statusAfter().step() > before.step() && before.step() < ibgu.plan().size()) {
            Summary s = d.summary();
            events.emit(ref, EventPort.Type.NORMAL, "StepCompleted", describe(ibgu, before.step()) + " completed: "
                    + s.completed() + " completed, " + s.failures() + " failed of " + s.total());
            if (d.rolloutDone()) {
                events.emit(ref, EventPort.Type.NORMAL, "RolloutCompleted", "every step of the plan is done");
            }
        }
    }

    private static String describe(ImageBasedGroupUpgrade ibgu, int step) {
        return step < ibgu.plan().size() ? ibgu.plan().get(step).describe(step) : "plan[" + step + "]";
    }
}
