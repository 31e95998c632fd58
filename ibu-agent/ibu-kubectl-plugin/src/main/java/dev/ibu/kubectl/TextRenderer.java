package dev.ibu.kubectl;

import dev.ibu.domain.Condition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The human view: a header, the aligned timeline, then one labelled line per fact. Plain text unless styled. */
final class TextRenderer {
    static final int BAR_WIDTH = 30;
    private static final String LABEL = "%-13s";

    private TextRenderer() {
    }

    static String render(StatusView v, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold("ImageBasedUpgrade " + v.name())).append("   stage ").append(v.specStage());
        if (!v.seedImage().isEmpty()) {
            out.append("   seed ").append(v.seedImage());
            if (!v.seedVersion().isEmpty()) {
                out.append(" (").append(v.seedVersion()).append(')');
            }
        }
        out.append("\n\n");
        timeline(out, v, style);
        v.rebootTime().forEach(d -> line(out, "Reboot time", Durations.format(d)
                + " (PostPivot start - PrePivot completion)"));
        v.condition().forEach(c -> condition(out, c, style));
        if (v.condition().isEmpty()) {
            line(out, "Condition", "none yet (the Lifecycle Agent has not reconciled the IBU)");
        }
        v.precache().forEach(p -> line(out, "Precache", p.bar(BAR_WIDTH) + " " + p.percent() + "%  pulled "
                + p.pulled() + ", failed " + (p.failed() > 0 ? style.bad(String.valueOf(p.failed())) : "0")
                + ", total " + p.total()));
        v.dataProtection().forEach(d -> line(out, d.operation(), d.state()
                + d.wave().map(w -> ", wave " + w).getOrElse("")
                + (d.failed().isEmpty() ? "" : ": " + style.bad(d.failed().mkString(", ")))));
        line(out, "Rollback", rollback(v, style));
        line(out, "Next stages", v.validNextStages().isEmpty() ? "none (no transition allowed now)"
                : v.validNextStages().mkString(", "));
        return out.toString();
    }

    private static void timeline(StringBuilder out, StatusView v, Style style) {
        if (v.timeline().isEmpty()) {
            line(out, "History", "none yet (no stage has started in this cycle)");
            out.append('\n');
            return;
        }
        List<String[]> cells = List.<String[]>of(new String[] {"STAGE/PHASE", "STARTED", "COMPLETED", "DURATION"})
                .appendAll(v.timeline().map(r -> new String[] {
                    "  ".repeat(r.depth()) + r.name(),
                    time(r.start()),
                    r.end().isDefined() ? time(r.end()) : (r.running() ? "running" : "-"),
                    r.duration(v.now()).map(Durations::format).getOrElse("-")}));
        int[] width = new int[4];
        for (String[] row : cells) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int n = 0; n < cells.size(); n++) {
            String[] row = cells.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                String cell = i == 3 ? row[i] : String.format("%-" + width[i] + "s", row[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            String text = line.toString().stripTrailing();
            boolean running = n > 0 && v.timeline().get(n - 1).running();
            out.append(running ? style.busy(text) : text).append('\n');
        }
        out.append('\n');
    }

    private static void condition(StringBuilder out, Condition c, Style style) {
        String state = c.type() + "=" + c.status().wireName();
        line(out, "Condition", (c.isTrue() ? style.ok(state) : state) + "  reason " + reasonStyled(c, style));
        line(out, "Message", c.message().isEmpty() ? "(empty)" : c.message().replace("\n", "\n" + " ".repeat(13)));
    }

    private static String reasonStyled(Condition c, Style style) {
        return c.reason().contains("Failed") ? style.bad(c.reason()) : c.reason();
    }

    private static String rollback(StatusView v, Style style) {
        Option<Instant> at = v.rollbackExpiration();
        if (at.isEmpty()) {
            return "no window set (it is set after the reboot into the new release)";
        }
        Duration left = v.rollbackLeft().get();
        String until = time(at);
        if (left.isNegative() || left.isZero()) {
            return style.bad("window expired " + Durations.format(left.negated()) + " ago") + " (at " + until
                    + "): a rollback may need manual recovery of the control plane certificates";
        }
        return Durations.format(left) + " left (until " + until + ")";
    }

    private static String time(Option<Instant> t) {
        return t.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).getOrElse("-");
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(LABEL, label)).append(text).append('\n');
    }
}
