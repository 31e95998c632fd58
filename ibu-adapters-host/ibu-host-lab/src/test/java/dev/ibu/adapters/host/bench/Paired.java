package dev.ibu.adapters.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paired, interleaved rounds (BENCHMARKS.md): per-round ratios {@code anchor / ours} (or {@code ours / floor}), their
 * min / median / max, the cold first round apart; and the row the benchmark command's summary table shows.
 */
final class Paired {

    private final List<Double> ratios = new ArrayList<>();
    private Double cold;

    /** Round 0 is the cold one: reported on its own, not in the median. */
    void add(int round, double ratio) {
        if (round == 0) {
            cold = ratio;
        } else {
            ratios.add(ratio);
        }
    }

    double median() {
        List<Double> s = ratios.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    String figure() {
        List<Double> s = ratios.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.2fx median (%.2fx-%.2fx, %d rounds), cold %s", median(), s.get(0),
            s.get(s.size() - 1), s.size(), cold == null ? "-" : String.format(Locale.ROOT, "%.2fx", cold));
    }

    String perRound() {
        StringBuilder b = new StringBuilder();
        for (double r : ratios) {
            b.append(String.format(Locale.ROOT, "%.2f ", r));
        }
        return b.toString().strip();
    }

    /** Appends one row to {@code $BENCH_OUT/summary.tsv} (when run outside the benchmark command: prints it only). */
    static void row(String target, String anchor, String figure, String goal, String verdict) throws IOException {
        String line = String.join("\t", target, anchor, figure + ", load " + load(), goal, verdict).replace('\n', ' ') + "\n";
        System.out.print("ROW " + line);
        String out = System.getenv("BENCH_OUT");
        if (out != null && !out.isEmpty()) {
            Files.writeString(Path.of(out, "summary.tsv"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The 1-minute load average: these machines are shared, and a figure taken at load 12 on 2 cores says so. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static int rounds() {
        String r = System.getenv("BENCH_ROUNDS");
        return r == null || r.isEmpty() ? 5 : Integer.parseInt(r);
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }
}
