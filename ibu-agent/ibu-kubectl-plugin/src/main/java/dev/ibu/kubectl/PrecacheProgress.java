package dev.ibu.kubectl;

import io.vavr.control.Option;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The precache counts of the Prep message ({@code ... total: N (pulled: P, failed: F)}), and a bar of them. */
record PrecacheProgress(int total, int pulled, int failed) {
    private static final Pattern COUNTS = Pattern.compile("total: (\\d+) \\(pulled: (\\d+), failed: (\\d+)\\)");

    static Option<PrecacheProgress> parse(String message) {
        Matcher m = COUNTS.matcher(message);
        if (!m.find()) {
            return Option.none();
        }
        try {
            return Option.some(new PrecacheProgress(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (NumberFormatException tooLarge) {
            return Option.none();
        }
    }

    /** Images done (pulled or failed) as a whole percentage, rounded down; 100 when there is nothing to pull. */
    int percent() {
        if (total <= 0) {
            return 100;
        }
        return (int) Math.min(100, (long) (pulled + failed) * 100 / total);
    }

    /** {@code [#########.......!!]}: pulled as '#', failed as '!', the rest as '.', {@code width} cells inside. */
    String bar(int width) {
        if (total <= 0) {
            return "[" + "#".repeat(width) + "]";
        }
        int pulledCells = cells(pulled, width);
        int failedCells = Math.min(width - pulledCells, cells(failed, width));
        return "[" + "#".repeat(pulledCells) + "!".repeat(failedCells)
                + ".".repeat(width - pulledCells - failedCells) + "]";
    }

    private int cells(int count, int width) {
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(width, (long) Math.max(0, count) * width / total);
    }
}
