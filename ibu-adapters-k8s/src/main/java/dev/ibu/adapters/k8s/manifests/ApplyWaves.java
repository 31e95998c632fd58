package dev.ibu.adapters.k8s.manifests;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * apply-wave ordering (oadp-and-manifests.md §1.3): wave = annotation {@code lca.openshift.io/apply-wave}, absent
 * or empty = 2147483647; stable sort by (wave, name); a new group whenever the wave changes. Waves are
 * {@code long}s parsed like Go's {@code strconv.Atoi} on 64 bits (optional sign, decimal digits only).
 */
public final class ApplyWaves {
    public static final long DEFAULT_WAVE = Integer.MAX_VALUE;
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ApplyWaves() {
    }

    /** Groups in apply order; Left lists every object with an unparseable wave. */
    public static Either<List<String>, List<List<Manifest>>> group(List<Manifest> manifests) {
        List<String> errors = manifests.flatMap(m -> wave(m).swap().map(e -> m.located() + ": " + e));
        if (!errors.isEmpty()) {
            return Either.left(errors);
        }
        // stable: exact ties keep decode order (ConfigMap order, key order, document order)
        List<Manifest> sorted = manifests.sorted(Comparator.comparing((Manifest m) -> wave(m).get())
                .thenComparing(m -> m.name() == null ? "" : m.name()));
        List<List<Manifest>> groups = List.empty();
        Long current = null;
        for (Manifest m : sorted) {
            long w = wave(m).get();
            if (current == null || current != w) {
                groups = groups.append(List.of(m));
                current = w;
            } else {
                groups = groups.init().append(groups.last().append(m));
            }
        }
        return Either.right(groups);
    }

    static Either<String, Long> wave(Manifest m) {
        return parse(m.annotation(Manifest.APPLY_WAVE));
    }

    static Either<String, Long> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Either.right(DEFAULT_WAVE);
        }
        if (!value.matches("[+-]?[0-9]+")) {
            return Either.left("annotation " + Manifest.APPLY_WAVE + " \"" + value + "\" is not an integer "
                    + "(invalid syntax); use a whole number such as \"10\"");
        }
        BigInteger n = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
        if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
            return Either.left("annotation " + Manifest.APPLY_WAVE + " \"" + value + "\" is out of range");
        }
        return Either.right(n.longValueExact());
    }
}
