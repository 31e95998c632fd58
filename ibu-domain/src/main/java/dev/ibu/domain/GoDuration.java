package dev.ibu.domain;

/** Whole seconds in Go's {@code time.Duration} text, as upstream messages show them: 1800 is {@code 30m0s}. */
public final class GoDuration {
    private GoDuration() {
    }

    public static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        String sign = seconds < 0 ? "-" : "";
        long s = Math.abs(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        if (h > 0) {
            return sign + h + "h" + m + "m" + rest + "s";
        }
        if (m > 0) {
            return sign + m + "m" + rest + "s";
        }
        return sign + rest + "s";
    }
}
