package dev.ibu.adapters.oadp;

import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Orders objects by the {@code lca.openshift.io/apply-wave} annotation and groups equal waves.
 * Waves are compared numerically (as {@code long}, like Go's 64-bit {@code strconv.Atoi}); an object
 * without the annotation (or with an empty one) gets wave 2147483647 and so comes last; ties break on
 * {@code metadata.name} byte-wise, then on input order (the sort is stable).
 */
public final class ApplyWave {
    private static final Pattern GO_ATOI = Pattern.compile("[+-]?[0-9]+");

    private ApplyWave() {
    }

    /** The wave of one annotation map, or the upstream error text for an unparseable value. */
    public static Either<String, Long> waveOf(Map<String, String> annotations) {
        String raw = annotations == null ? null : annotations.get(OadpNames.APPLY_WAVE);
        if (raw == null || raw.isEmpty()) {
            return Either.right(OadpNames.DEFAULT_WAVE);
        }
        if (!GO_ATOI.matcher(raw).matches()) {
            return Either.left(atoiError(raw, "invalid syntax"));
        }
        try {
            return Either.right(Long.parseLong(raw));
        } catch (NumberFormatException tooLarge) {
            return Either.left(atoiError(raw, "value out of range"));
        }
    }

    /**
     * Sorts and groups; fails with {@code error convert: strconv.Atoi: parsing "<v>": ...} for the first
     * unparseable wave in input order, as upstream does.
     */
    public static <T> Either<String, List<List<T>>> group(
            List<T> items, Function<T, String> name, Function<T, Map<String, String>> annotations) {
        List<Waved<T>> waved = new ArrayList<>();
        for (T item : items) {
            Either<String, Long> wave = waveOf(annotations.apply(item));
            if (wave.isLeft()) {
                return Either.left(wave.getLeft());
            }
            waved.add(new Waved<>(wave.get(), name.apply(item), item));
        }
        waved.sort(Comparator.<Waved<T>>comparingLong(Waved::wave)
                .thenComparing(Waved::name, ApplyWave::compareBytes));
        List<List<T>> groups = new ArrayList<>();
        Long current = null;
        for (Waved<T> w : waved) {
            if (current == null || current != w.wave()) {
                groups.add(new ArrayList<>());
                current = w.wave();
            }
            groups.get(groups.size() - 1).add(w.item());
        }
        return Either.right(groups.stream().map(List::copyOf).toList());
    }

    /** Go compares strings byte-wise (UTF-8); Java's compareTo compares UTF-16 units. */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static String atoiError(String raw, String why) {
        return "error convert: strconv.Atoi: parsing " + goQuote(raw) + ": " + why;
    }

    /** Enough of Go's strconv.Quote for annotation values: escapes quotes, backslashes and controls. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private record Waved<T>(long wave, String name, T item) {
    }
}
