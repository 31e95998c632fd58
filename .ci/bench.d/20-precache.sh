#!/usr/bin/env bash
# Precache of 48 images sharing base layers (6 present) from the loopback registry: ours (PrecacheWorkload) vs
# upstream's shape (10 concurrent pulls, present images skipped), and the layer bytes the registry served against the
# unique missing layer bytes. Needs root and the host tools. Harness: dev.ibu.adapters.host.bench.PrecacheBench.
set -euo pipefail
source "$BENCH_ROOT/.ci/bench.d/lib.bash"
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$(bench_cp ibu-adapters-host/ibu-host-lab)" dev.ibu.adapters.host.bench.PrecacheBench ${BENCH_PRECACHE_IMAGES:-}
