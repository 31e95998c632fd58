package dev.ibu.domain;

import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The container-storage cleanup Prep asks for before precache (host-and-image.md §5.1), read from the IBU's
 * annotations {@value Annotations#IMAGE_CLEANUP_ON_PREP} and {@value Annotations#IMAGE_CLEANUP_THRESHOLD}: when
 * enabled and the storage's usage is strictly above {@code thresholdPercent}, unused images are removed until it is
 * at or under it.
 *
 * @param enabled          false when the on-prep annotation is exactly {@code Disabled} or the threshold is unparsable
 * @param thresholdPercent the usage threshold; any integer upstream accepts is held as an equivalent value in -1..100
 *                         (usage is always 0..100: above 100 never cleans, below 0 cleans every unused image)
 */
public record ImageCleanup(boolean enabled, int thresholdPercent) {
    public static final int DEFAULT_THRESHOLD_PERCENT = 50;
    public static final ImageCleanup DEFAULT = new ImageCleanup(true, DEFAULT_THRESHOLD_PERCENT);
    public static final ImageCleanup DISABLED = new ImageCleanup(false, DEFAULT_THRESHOLD_PERCENT);

    /** What Go's strconv.Atoi accepts: an optional sign and ASCII digits, nothing else (no spaces, no "%"). */
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public ImageCleanup {
        if (thresholdPercent < -1 || thresholdPercent > 100) {
            throw new IllegalArgumentException("thresholdPercent must be in -1..100, got " + thresholdPercent);
        }
    }

    /**
     * The cleanup the annotations ask for, and a note to log when they disable it (none when enabled); {@code
     * badValue} when it is disabled because the threshold is unparsable (a warning for the user, not a choice).
     */
    public record Reading(ImageCleanup cleanup, Option<String> note, boolean badValue) {
    }

    /**
     * Upstream's reading (prep_handlers.go containerStorageCleanup): on-prep {@code Disabled} disables (any other
     * value enables); an absent threshold is 50; a threshold strconv.Atoi refuses disables the cleanup, logged.
     */
    public static Reading fromAnnotations(Map<String, String> annotations) {
        if (annotations.get(Annotations.IMAGE_CLEANUP_ON_PREP).contains(Annotations.DISABLED)) {
            return new Reading(DISABLED, Option.some("Automatic image cleanup is disabled (annotation "
                    + Annotations.IMAGE_CLEANUP_ON_PREP + ": " + Annotations.DISABLED + ")"), false);
        }
        Option<String> value = annotations.get(Annotations.IMAGE_CLEANUP_THRESHOLD);
        if (value.isEmpty()) {
            return new Reading(DEFAULT, Option.none(), false);
        }
        Option<Integer> threshold = parseAtoi(value.get());
        if (threshold.isEmpty()) {
            return new Reading(DISABLED, Option.some("Automatic image cleanup is disabled, due to failure to parse "
                    + "threshold annotation " + Annotations.IMAGE_CLEANUP_THRESHOLD + ": \"" + Echo.of(value.get())
                    + "\" is not an integer; set it to a whole number of percent (default "
                    + DEFAULT_THRESHOLD_PERCENT + ") or remove it"), true);
        }
        return new Reading(new ImageCleanup(true, threshold.get()), Option.none(), false);
    }

    /** strconv.Atoi on a 64-bit int, the result held in -1..100 (same cleanup behaviour); none when Atoi fails. */
    static Option<Integer> parseAtoi(String s) {
        if (!ATOI.matcher(s).matches()) {
            return Option.none();
        }
        String sign = s.startsWith("-") ? "-" : "";
        String digits = s.replaceFirst("^[+-]?0*", "");
        if (digits.length() > 19) {
            return Option.none(); // beyond int64, as Atoi says "value out of range"
        }
        BigInteger v = new BigInteger(digits.isEmpty() ? "0" : sign + digits);
        if (v.compareTo(INT64_MIN) < 0 || v.compareTo(INT64_MAX) > 0) {
            return Option.none();
        }
        return Option.some((int) Math.max(-1, Math.min(100, v.longValue())));
    }
}
