#!/usr/bin/env bash
# A new stateroot from a seed: ours (StaterootSetupJob as Prep runs it) vs upstream's route (tar xzf + ostree CLI with
# lca-cli's TAROPTS) and the physical floor (pull + decompression + cp -a), on two seed sizes, every file labelled.
# Needs root and the host tools (.ci/install-host-tools.sh). Harness: dev.ibu.adapters.host.bench.StaterootBench.
set -euo pipefail
source "$BENCH_ROOT/.ci/bench.d/lib.bash"
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$(bench_cp ibu-adapters-host/ibu-host-lab)" dev.ibu.adapters.host.bench.StaterootBench ${BENCH_STATEROOT_SIZES:-}
