# Shared by the .ci/bench.d parts (sourced, not run: its name does not end in .sh).
# bench_row TARGET ANCHOR FIGURE GOAL VERDICT: appends one row to $BENCH_OUT/summary.tsv (tabs and newlines dropped).
bench_row() {
  local clean=()
  for f in "$@"; do clean+=("$(printf '%s' "$f" | tr '\t\n' '  ')"); done
  printf '%s\t%s\t%s\t%s\t%s\n' "${clean[@]:0:5}" >> "$BENCH_OUT/summary.tsv"
}
# bench_cp MODULE: the module's test classpath (its target/classes and target/test-classes first).
bench_cp() {
  local m="$BENCH_ROOT/$1"
  printf '%s:%s:%s' "$m/target/test-classes" "$m/target/classes" "$(cat "$m/target/bench.classpath")"
}
