#!/usr/bin/env bash
# Benchmark part (issue 16): extra manifests and OADP at scale on the strict API server, and the stateful property
# suite. Run by `bash .ci/bench` after `mvn -B -q -ntp -DskipTests package`, or alone after that build:
#   BENCH_OUT=$(mktemp -d) bash .ci/bench.d/40-scale.sh
# Env: BENCH_ROOT (repo root; default: this script's repo), BENCH_OUT (output dir; default: a fresh temp dir),
# BENCH_ROUNDS (paired rounds after the cold one; default 5). Appends tab-separated rows
# target, anchor, figure, goal, verdict to $BENCH_OUT/summary.tsv; logs go to $BENCH_OUT/40-scale.*.log.
set -euo pipefail
BENCH_ROOT=${BENCH_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BENCH_OUT=${BENCH_OUT:-$(mktemp -d)}
BENCH_ROUNDS=${BENCH_ROUNDS:-5}
mkdir -p "$BENCH_OUT"
cd "$BENCH_ROOT"

# The test classpath of a module, built in the reactor (test-compile resolves sibling modules to their
# target/classes: nothing is installed into or read from the local Maven repository's dev.ibu snapshots).
classpath() {
  local module=$1 out="$BENCH_OUT/40-scale.$(basename "$1").cp"
  mvn -B -q -ntp -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out" >"$BENCH_OUT/40-scale.$(basename "$1").mvn.log" 2>&1 \
    || { echo "40-scale: cannot build the classpath of $module (see $BENCH_OUT/40-scale.$(basename "$1").mvn.log)" >&2; return 1; }
  echo "$BENCH_ROOT/$module/target/test-classes:$BENCH_ROOT/$module/target/classes:$(cat "$out")"
}

# Logs at WARN on stderr: the rows are stdout's only tab-separated lines, and logging costs both routes the same.
logback="$BENCH_OUT/40-scale.logback.xml"
cat >"$logback" <<'XML'
<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="ERR"/></root>
</configuration>
XML

# A part that fails still leaves a row, so the summary says what is missing.
run() {
  local target=$1 module=$2 main=$3; shift 3
  local cp log="$BENCH_OUT/40-scale.$(basename "$module").log"
  if cp=$(classpath "$module") \
      && (cd "$module" && java -Dlogback.configurationFile="$logback" -cp "$cp" "$main" "$@") >"$log.out" 2>"$log" \
      && awk -F'\t' 'NF == 5' "$log.out" >"$log.rows" && [ -s "$log.rows" ]; then
    cat "$log.rows" >>"$BENCH_OUT/summary.tsv"
    cat "$log.rows"
  else
    printf '%s\t-\tthe benchmark failed (see %s)\t-\tnot met\n' "$target" "$log" | tee -a "$BENCH_OUT/summary.tsv"
  fi
}

run "extra manifests at scale" ibu-adapters-k8s dev.ibu.adapters.k8s.manifests.ManifestScaleBench "$BENCH_ROUNDS"
run "OADP at scale" ibu-adapters-oadp dev.ibu.adapters.oadp.BackupsAtScaleBench
run "stateful property suite" ibu-ports/ibu-testkit dev.ibu.ports.engine.EnginePropertyBench "$BENCH_ROUNDS"
