#!/bin/bash
# Prints the host adapter's figures (not a test): stateroot-from-seed, ours vs the upstream route, and
# precache vs sequential skopeo copy. Needs root and the tools of .ci/install-host-tools.sh.
# Usage: ibu-adapters-host/bench/run-benchmark.sh [treeFiles varFiles fileSize images imageBytes rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$PWD/ibu-adapters-host/ibu-host-lab/target/bench-classpath.txt"
mvn -B -o -q -pl ibu-adapters-host/ibu-host-lab test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
  -Dmdep.outputFile="$OUT" -Dmdep.includeScope=test
# private copies of the jars: a snapshot re-installed into ~/.m2 mid-run must not pull classes from under us
LIB=ibu-adapters-host/ibu-host-lab/target/bench-lib; rm -rf "$LIB"; mkdir -p "$LIB"
CP="ibu-adapters-host/ibu-host-lab/target/classes:ibu-adapters-host/ibu-host-lab/target/test-classes"
IFS=: read -ra JARS < "$OUT" || true  # the file has no trailing newline
for j in "${JARS[@]}"; do cp "$j" "$LIB/"; CP="$CP:$LIB/$(basename "$j")"; done
exec java -cp "$CP" dev.ibu.adapters.host.bench.HostBenchmark "$@"
