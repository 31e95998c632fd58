package dev.ibu.domain.fleet;

import io.vavr.control.Either;

/**
 * {@code rolloutStrategy.maxFailures}: how many spokes of a step may fail before the rollout halts, as a count
 * ({@code 3}) or a percentage of the step's spokes ({@code "10%"}, rounded down). Absent means unlimited (TALM).
 */
public record FailureBudget(int value, boolean percent) {

    public FailureBudget {
        if (value < 0 || (percent && value > 100)) {
            throw new IllegalArgumentException("maxFailures out of range: " + value + (percent ? "%" : ""));
        }
    }

    public static FailureBudget count(int n) {
        return new FailureBudget(n, false);
    }

    public static FailureBudget percentage(int p) {
        return new FailureBudget(p, true);
    }

    /** Failures allowed among {@code total} spokes. */
    public int allowed(int total) {
        return percent ? (int) ((long) total * value / 100) : value;
    }

    /** Parses {@code "3"} or {@code "10%"}; the error names the field and the fix. */
    public static Either<String, FailureBudget> parse(String field, String text) {
        String t = text == null ? "" : text.trim();
        boolean pct = t.endsWith("%");
        String digits = pct ? t.substring(0, t.length() - 1) : t;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            return Either.left(field + ": '" + text + "' is not a failure budget; write a count such as 3"
                    + " or a percentage such as \"10%\"");
        }
        int v = Integer.parseInt(digits);
        if (pct && v > 100) {
            return Either.left(field + ": " + t + " is more than 100%; write a percentage between 0% and 100%");
        }
        return Either.right(new FailureBudget(v, pct));
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
