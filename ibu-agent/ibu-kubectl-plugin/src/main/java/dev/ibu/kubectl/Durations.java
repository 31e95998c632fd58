package dev.ibu.kubectl;

import java.time.Duration;

/** Durations as people read them: {@code 45s}, {@code 6m30s}, {@code 1h02m03s}, {@code 2d03h04m}; whole seconds. */
final class Durations {
    private Durations() {
    }

    static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long s = d.getSeconds();
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return String.format("%dd%02dh%02dm", days, hours, minutes);
        }
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, seconds);
        }
        if (minutes > 0) {
            return String.format("%dm%02ds", minutes, seconds);
        }
        return seconds + "s";
    }
}
