#!/usr/bin/env bash
# The engine's JMH figures (dev.ibu.ports.engine.EngineBenchmark in ibu-testkit's test classes): 3 forks, and the row's
# verdict says whether the 99.9% error is below 10% of the score (BENCHMARKS.md §7). No anchor: a figure to watch.
set -euo pipefail
source "$BENCH_ROOT/.ci/bench.d/lib.bash"
csv="$BENCH_OUT/engine-jmh.csv"
java -cp "$(bench_cp ibu-ports/ibu-testkit)" org.openjdk.jmh.Main 'dev.ibu.ports.engine.EngineBenchmark' \
  -f 3 -wi 5 -w 1s -i 10 -r 1s -rf csv -rff "$csv" ${BENCH_JMH_ARGS:-}
# "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
tail -n +2 "$csv" | while IFS=, read -r bench mode threads samples score err unit; do
  bench=${bench//\"/}; unit=${unit//\"/}
  read -r pct verdict < <(awk -v s="$score" -v e="$err" 'BEGIN { p = (s > 0 && e == e) ? 100 * e / s : 100;
    printf "%.1f %s\n", p, (p < 10 ? "met" : "not met") }')
  figure=$(awk -v s="$score" -v e="$err" -v u="$unit" -v n="$samples" -v l="$(cut -d" " -f1 /proc/loadavg)" 'BEGIN { printf "%.3g %s +- %.2g (99.9%%), %d samples, 3 forks, load %s", s, u, e, n, l }')
  bench_row "engine JMH ${bench##*.}" "-" "$figure (error $pct%)" "error < 10% of score" "$verdict"
done
