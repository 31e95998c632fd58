package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.Start;
import dev.ibu.domain.fleet.Summary;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Prints the rollout batch by batch: who starts, who finishes or fails (with the spoke's message), halts, steps. */
final class FleetReport {
    private final PrintWriter out;
    private final Instant start;
    private final Map<String, String> lastState = new HashMap<>();
    private String lastHalt = "";

    FleetReport(PrintWriter out, Instant start) {
        this.out = out;
        this.start = start;
    }

    void pass(ImageBasedGroupUpgrade ibgu, Decision d, Instant now) {
        String t = clock(now);
        String step = d.step() < ibgu.plan().size() ? ibgu.plan().get(d.step()).describe(d.step()) : "done";
        if (!d.starts().isEmpty()) {
            out.printf("%s %s: start %s%n", t, step, d.starts().map(FleetReport::start).mkString(", "));
        }
        for (ClusterRow r : d.rows()) {
            String state = r.action() + " " + r.state().wireName();
            if (!state.equals(lastState.put(r.name(), state)) && r.state() != dev.ibu.domain.fleet.RowState.IN_PROGRESS) {
                out.printf("%s %s: %s %s%s%n", t, step, r.name(), state,
                        r.state().failure() ? ": " + r.message() : "");
            }
        }
        if (d.halted().isDefined() && !d.halted().get().equals(lastHalt)) {
            lastHalt = d.halted().get();
            out.printf("%s HALTED: %s%n", t, lastHalt);
        }
        if (d.statusAfter().step() > d.step() && d.step() < ibgu.plan().size()) {
            Summary s = d.summary();
            out.printf("%s %s done: %d completed, %d failed, %d held of %d%n", t, step, s.completed(),
                    s.failed() + s.timedOut(), s.held(), s.total());
        }
        out.flush();
    }

    private static String start(Start s) {
        return s.cluster() + " " + s.action();
    }

    private String clock(Instant now) {
        Duration d = Duration.between(start, now);
        return String.format("[+%02d:%02d]", d.toHours(), d.toMinutesPart());
    }
}
