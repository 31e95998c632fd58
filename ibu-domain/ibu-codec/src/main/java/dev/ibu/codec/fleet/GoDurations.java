package dev.ibu.codec.fleet;

import io.vavr.control.Option;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go duration text with whole h, m and s units ({@code 30m}, {@code 1h30m}, {@code 1h0m0s}); no fractions. */
final class GoDurations {
    private static final Pattern WHOLE = Pattern.compile("((\\d+)h)?((\\d+)m)?((\\d+)s)?");

    private GoDurations() {
    }

    static Option<Duration> parse(String text) {
        Matcher m = WHOLE.matcher(text.trim());
        if (text.isBlank() || !m.matches()) {
            return Option.none();
        }
        long s = num(m.group(2)) * 3600 + num(m.group(4)) * 60 + num(m.group(6));
        return Option.some(Duration.ofSeconds(s));
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }
}
