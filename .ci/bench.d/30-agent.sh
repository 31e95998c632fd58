#!/usr/bin/env bash
# Benchmark part: the node agent (issue 16 "Agent", issue 13's closing figures). Figures only, no assertions.
# Runs `ibu-agent run` with the JVM options the image ships (ibu-agent/image/jvm-options; when they name a class-data
# sharing archive, it is dumped here from ibu-agent/image/classes.list as build.sh does) and the Deployment's arguments (leader
# election, JSON logs, metrics over TLS), against the rehearsal's embedded API server (`local --serve-api-only`, no
# simulated agent) and a minimal fake node root (env, sh and an `ostree` that answers `admin status` with one booted
# deployment), and measures:
#   - time to ready: process start -> /readyz 200 with the first reconcile finished; the cold first start (just after
#     the archive was dumped) apart from the BENCH_ROUNDS warm starts that follow;
#   - RSS at steady state (ps -o rss) after 20 reconciles (spec patches) and 10 s of quiet, in each warm round;
#   - spec patch -> first status write (the watch shows status.observedGeneration = the patch's generation),
#     p50/p99 over BENCH_AGENT_SAMPLES (default 250) samples after 20 warm-up patches.
# `--write-classlist` instead re-records ibu-agent/image/classes.list (the classes `run` loads, for the image's
# archive): run it after changing what the agent loads at start-up.
# Appends rows to $BENCH_OUT/summary.tsv: target, anchor, figure, goal, verdict. Needs root (the agent chroots into
# the fake node root, as it does into /host on a node), java, curl, openssl, ps, and the built jars:
#   mvn -B -q -ntp -DskipTests package && bash .ci/bench.d/30-agent.sh
set -euo pipefail
ROOT="${BENCH_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
OUT="${BENCH_OUT:-$(mktemp -d /tmp/ibu-bench.XXXXXX)}"
ROUNDS="${BENCH_ROUNDS:-5}"
SAMPLES="${BENCH_AGENT_SAMPLES:-250}"
AGENT_JAR="$ROOT/ibu-agent/target/ibu-agent.jar"
REHEARSAL_JAR="$ROOT/ibu-agent/ibu-rehearsal/target/ibu-rehearsal.jar"
JVM_OPTIONS="$ROOT/ibu-agent/image/jvm-options"
CLASSLIST="$ROOT/ibu-agent/image/classes.list"
IMAGE_JSA=/opt/ibu/ibu-agent.jsa   # where jvm-options expects the archive in the image
W="$OUT/agent"
PROBE_PORT="${BENCH_AGENT_PROBE_PORT:-18381}"
METRICS_PORT="${BENCH_AGENT_METRICS_PORT:-18443}"
mkdir -p "$W"
WRITE_CLASSLIST=0
case "${1:-}" in
  --write-classlist) WRITE_CLASSLIST=1 ;;
  "") ;;
  *) echo "usage: bash $0 [--write-classlist]" >&2; exit 2 ;;
esac
API_PID=""; AGENT_PID=""
say() { echo "bench agent: $*" >&2; }
die() { say "FAIL: $*"; exit 1; }
cleanup() {
  for p in $AGENT_PID $API_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || die "run as root: the agent runs host commands through chroot into the (fake) node root"
for t in java curl openssl ps; do command -v "$t" >/dev/null || die "$t is missing"; done
[ -f "$AGENT_JAR" ] && [ -f "$REHEARSAL_JAR" ] \
  || die "build first: mvn -B -q -ntp -DskipTests package (needs $AGENT_JAR and $REHEARSAL_JAR)"

# --- a minimal node root: sysroot/, env, sh and an ostree that reports one booted deployment -------------------------
H="$W/host"
mkdir -p "$H/sysroot" "$H/usr/bin" "$H/bin"
copy_with_libs() { # BINARY DEST: the binary and the shared libraries it needs, at their paths, into $H
  cp -L "$1" "$H/$2"
  for lib in $(ldd "$1" | grep -o '/[^ ]*'); do mkdir -p "$H$(dirname "$lib")"; cp -L "$lib" "$H$lib"; done
}
copy_with_libs /usr/bin/env usr/bin/env
copy_with_libs "$(readlink -f /bin/sh)" bin/sh
cat > "$H/usr/bin/ostree" <<'EOF'
#!/bin/sh
case "$1 $2" in
  "admin status") echo "* rhcos 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.0"
                  echo "    origin refspec: rhcos" ;;
  *) echo "fake ostree: $*: not supported" >&2; exit 1 ;;
esac
EOF
chmod 755 "$H/usr/bin/ostree"

# --- the metrics server's certificate (the Deployment mounts the service CA's) ---------------------------------------
mkdir -p "$W/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ibu-agent-metrics -keyout "$W/tls/tls.key" \
  -out "$W/tls/tls.crt" >/dev/null 2>&1 || die "openssl could not make a certificate"

# --- the JVM options of the image, with the archive dumped here for this JDK -----------------------------------------
mapfile -t OPTS < <(grep -v -e '^#' -e '^[[:space:]]*$' "$JVM_OPTIONS")
JSA="$W/ibu-agent.jsa"
if [ "$WRITE_CLASSLIST" = 1 ]; then
  OPTS=("${OPTS[@]/#-XX:SharedArchiveFile=*/-XX:DumpLoadedClassList=$W/classes.list}")
elif printf '%s\n' "${OPTS[@]}" | grep -q "^-XX:SharedArchiveFile=$IMAGE_JSA\$"; then
  [ -f "$CLASSLIST" ] || die "$JVM_OPTIONS names $IMAGE_JSA but $CLASSLIST is missing"
  java -Xshare:dump -XX:SharedClassListFile="$CLASSLIST" -XX:SharedArchiveFile="$JSA" "${OPTS[@]/#-XX:SharedArchiveFile=*/-XX:+UseSerialGC}" \
    -cp "$AGENT_JAR" > "$W/cds-dump.log" 2>&1 || die "dumping the archive failed: $(tail -5 "$W/cds-dump.log")"
  OPTS=("${OPTS[@]/#-XX:SharedArchiveFile=*/-XX:SharedArchiveFile=$JSA}")
fi
say "JVM options: ${OPTS[*]}"

# --- the API server: the rehearsal's embedded one, with no simulated agent -------------------------------------------
java -jar "$REHEARSAL_JAR" local --serve-api-only --port=0 --kubeconfig-out="$W/kubeconfig" > "$W/api-server.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 240); do [ -s "$W/kubeconfig" ] && break; sleep 0.25; done
[ -s "$W/kubeconfig" ] || die "the API server wrote no kubeconfig: $(tail -5 "$W/api-server.log")"
SERVER="$(sed -n 's/^ *server: *//p' "$W/kubeconfig" | head -n1)"
TOKEN="$(sed -n 's/^ *token: *//p' "$W/kubeconfig" | head -n1)"
IBU="$SERVER/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# How the agent is started, and the paths it is given (the image's run replaces them: chroot, its own paths)
LAUNCH=(java "${OPTS[@]}" -jar "$AGENT_JAR")
AGENT_HOST="$H"; AGENT_KUBECONFIG="$W/kubeconfig"; AGENT_TLS="$W/tls"

# start_agent LOG: starts `run` as the Deployment does (AGENT_PID); READY_MS: from start to ready (/readyz 200 after
# the first reconcile finished); READY_CPU_MS: the CPU time it took
start_agent() {
  local log="$1" t0
  t0=$(now_ms)
  "${LAUNCH[@]}" run --host-root="$AGENT_HOST" --kubeconfig="$AGENT_KUBECONFIG" --leader-elect \
    --probe-address=127.0.0.1:$PROBE_PORT --log-format=json --metrics-address=127.0.0.1:$METRICS_PORT \
    --metrics-cert-dir="$AGENT_TLS" > "$log" 2>&1 &
  AGENT_PID=$!
  while :; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PROBE_PORT/readyz")" = 200 ] \
       && grep -q '"msg":"reconciled' "$log"; then
      break
    fi
    kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited: $(tail -5 "$log")"
    [ $(( $(now_ms) - t0 )) -lt 120000 ] || die "the agent was not ready within 120 s: $(tail -5 "$log")"
    sleep 0.01
  done
  READY_MS=$(( $(now_ms) - t0 ))
  # CPU time (user + system) the JVM used to get there: unlike the wall clock, it does not grow with the load
  READY_CPU_MS=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$AGENT_PID/stat")
}

stop_agent() { # SIGTERM: the agent releases its Lease, so that the next start takes it at once
  kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true; AGENT_PID=""
}

patches() { # N: N spec patches (each a new generation, each reconciled), 0.2 s apart
  for i in $(seq 1 "$1"); do
    curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/merge-patch+json' \
      -d "{\"spec\":{\"seedImageRef\":{\"version\":\"4.98.$RANDOM\"}}}" "$IBU" || die "PATCH $IBU failed"
    sleep 0.2
  done
}

rss_mib() { echo $(( $(ps -o rss= -p "$AGENT_PID") / 1024 )); }

# stats FILE: "median (min-max)" of the numbers in FILE
stats() { sort -n "$1" | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%g (%g-%g)", m, a[1], a[NR]}'; }
median() { sort -n "$1" | awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

if [ "$WRITE_CLASSLIST" = 1 ]; then
  start_agent "$W/agent-classlist.log"
  patches 20
  stop_agent
  cp "$W/classes.list" "$CLASSLIST"
  say "wrote $CLASSLIST ($(grep -vc '^#' "$CLASSLIST") classes and lambda forms)"
  exit 0
fi

# --- time to ready and RSS: one cold start, then ROUNDS warm ones ----------------------------------------------------
# ready_and_rss TAG: $W/TAG-{ready-warm,ready-cpu,rss,threads}.txt, COLD and COLD_CPU; the last agent keeps running
ready_and_rss() {
  local tag="$1" r
  : > "$W/$tag-ready-warm.txt"; : > "$W/$tag-ready-cpu.txt"; : > "$W/$tag-rss.txt"; : > "$W/$tag-threads.txt"
  start_agent "$W/$tag-agent-cold.log"
  COLD=$READY_MS; COLD_CPU=$READY_CPU_MS
  say "$tag: cold start: ready in $COLD ms (CPU $COLD_CPU ms)"
  stop_agent
  for r in $(seq 1 "$ROUNDS"); do
    start_agent "$W/$tag-agent-$r.log"
    echo "$READY_MS" >> "$W/$tag-ready-warm.txt"
    echo "$READY_CPU_MS" >> "$W/$tag-ready-cpu.txt"
    patches 20
    sleep 10
    rss_mib >> "$W/$tag-rss.txt"
    ps -o nlwp= -p "$AGENT_PID" | tr -d ' ' >> "$W/$tag-threads.txt"
    say "$tag: round $r: ready in $READY_MS ms (CPU $READY_CPU_MS ms), RSS $(tail -n1 "$W/$tag-rss.txt") MiB," \
      "$(tail -n1 "$W/$tag-threads.txt") threads"
    [ "$r" = "$ROUNDS" ] || stop_agent
  done
}
ready_and_rss jvm
cold=$COLD; cold_cpu=$COLD_CPU

# --- patch -> first status write, on the last round's agent -----------------------------------------------------------
cat > "$W/PatchToStatus.java" <<'EOF'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spec patch -> first status write of the ImageBasedUpgrade 'upgrade': merge-patches spec.seedImageRef.version (a
 * new generation) and times until the watch (a WebSocket, as the embedded server serves it) delivers the object with
 * a status written for that generation (status.observedGeneration). The floor, in the same run: until the watch
 * delivers the patch itself (one write and one watch delivery; the agent's path is a watch delivery, a reconcile with
 * its reads and host command, a status write and a watch delivery). Usage: java PatchToStatus.java SERVER TOKEN
 * WARMUP SAMPLES; prints "STATUS_US PATCH_EVENT_US" for each sample, one a line, then "failed N" (no status write
 * within 10 s).
 */
public class PatchToStatus {
    record Event(long nanos, long generation, long observed) {}

    static final Pattern GEN = Pattern.compile("\"generation\"\\s*:\\s*(\\d+)");
    static final Pattern OBSERVED = Pattern.compile("\"observedGeneration\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        String server = args[0].replaceAll("/+$", "");
        String token = args[1];
        int warmup = Integer.parseInt(args[2]);
        int samples = Integer.parseInt(args[3]);
        String path = "/apis/lca.openshift.io/v1/imagebasedupgrades";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                long now = System.nanoTime();
                partial.append(data);
                if (last) {
                    String msg = partial.toString();
                    partial.setLength(0);
                    long observed = -1;
                    Matcher g = GEN.matcher(msg);
                    long generation = g.find() ? Long.parseLong(g.group(1)) : -1;
                    int status = msg.indexOf("\"status\"");
                    if (status >= 0) {
                        Matcher o = OBSERVED.matcher(msg);
                        o.region(status, msg.length());
                        while (o.find()) {
                            observed = Math.max(observed, Long.parseLong(o.group(1)));
                        }
                    }
                    events.add(new Event(now, generation, observed));
                }
                ws.request(1);
                return null;
            }
        };
        String watch = server.replaceFirst("^http", "ws") + path + "?watch=true&fieldSelector=metadata.name%3Dupgrade";
        WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(watch), listener).get(10, TimeUnit.SECONDS);
        int failed = 0;
        for (int i = 0; i < warmup + samples; i++) {
            Thread.sleep(50);  // the previous reconcile has ended: no patch lands in the middle of one
            events.clear();
            String body = "{\"spec\":{\"seedImageRef\":{\"version\":\"4.99." + i + "\"}}}";
            HttpRequest patch = HttpRequest.newBuilder(URI.create(server + path + "/upgrade"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/merge-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(patch, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PATCH answered " + r.statusCode() + ": " + r.body());
            }
            Matcher g = GEN.matcher(r.body());
            long gen = g.find() ? Long.parseLong(g.group(1)) : Long.MAX_VALUE;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
            long took = -1;
            long floor = -1;
            while (took < 0) {
                Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    break;
                }
                if (floor < 0 && e.generation() >= gen) {
                    floor = (e.nanos() - t0) / 1000;
                }
                if (e.observed() >= gen) {
                    took = (e.nanos() - t0) / 1000;
                }
            }
            if (i >= warmup) {
                if (took < 0) {
                    failed++;
                } else {
                    System.out.println(took + " " + floor);
                }
            }
        }
        ws.abort();
        System.out.println("failed " + failed);
    }
}
EOF
java "$W/PatchToStatus.java" "$SERVER" "$TOKEN" 20 "$SAMPLES" > "$W/patch-to-status.out" 2> "$W/patch-to-status.err" \
  || die "the patch -> status driver failed: $(tail -5 "$W/patch-to-status.err")"
rss_mib >> "$W/rss-after-samples.txt"
stop_agent

# --- where the memory goes (not a figure: NMT itself costs a few MiB): NMT summary and the largest mappings ----------
if command -v jcmd >/dev/null; then
  LAUNCH=(java "${OPTS[@]}" -XX:NativeMemoryTracking=summary -jar "$AGENT_JAR")
  start_agent "$W/agent-nmt.log"
  patches 20
  sleep 10
  jcmd "$AGENT_PID" VM.native_memory summary > "$W/nmt.txt" 2>&1 || true
  awk '/^[0-9a-f]+-/ {name = $6} /^Rss:/ {rss[name == "" ? "[anonymous]" : name] += $2}
       END {for (n in rss) printf "%8d kB  %s\n", rss[n], n}' "/proc/$AGENT_PID/smaps" | sort -rn | head -12 > "$W/rss-by-mapping.txt"
  echo "RSS $(rss_mib) MiB with NMT on" >> "$W/rss-by-mapping.txt"
  stop_agent
  say "memory by JVM area: $W/nmt.txt; RSS by mapping: $W/rss-by-mapping.txt"
fi

# --- the same in the image, when it was built (.ci/image.sh or ibu-agent/image/build.sh): its jlinked JRE, its
# archive and its entrypoint, run in a chroot of its unpacked layers with the fake node root at /host ----------------
IMAGE_TAR="$ROOT/ibu-agent/target/ibu-agent-image.tar"
in_image=0
if [ -f "$IMAGE_TAR" ] && command -v skopeo >/dev/null && command -v jq >/dev/null && command -v unshare >/dev/null; then
  R="$W/rootfs"
  mkdir -p "$R"
  skopeo copy -q "oci-archive:$IMAGE_TAR" "oci:$W/oci:bench" || die "skopeo cannot read $IMAGE_TAR"
  skopeo inspect --raw "oci:$W/oci:bench" > "$W/image-manifest.json"
  skopeo inspect --config "oci:$W/oci:bench" > "$W/image-config.json"
  for layer in $(jq -r '.layers[].digest' "$W/image-manifest.json"); do
    tar -xzf "$W/oci/blobs/sha256/${layer#sha256:}" -C "$R"
  done
  mkdir -p "$R/proc" "$R/dev" "$R/tmp"
  cp -a "$H" "$R/host"
  cp "$W/kubeconfig" "$R/tmp/kubeconfig"
  cp -a "$W/tls" "$R/tmp/tls"
  mapfile -t ENTRYPOINT < <(jq -r '.config.Entrypoint[]' "$W/image-config.json")
  mapfile -t ENV < <(jq -r '.config.Env[]' "$W/image-config.json")
  # unshare and sh exec into chroot, env and java: AGENT_PID is the JVM's
  LAUNCH=(unshare --mount sh -c 'R="$1"; shift; mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" \
    && exec chroot "$R" "$@"' sh "$R" /usr/bin/env -i "${ENV[@]}" "${ENTRYPOINT[@]}")
  AGENT_HOST=/host; AGENT_KUBECONFIG=/tmp/kubeconfig; AGENT_TLS=/tmp/tls
  say "in the image: $(jq -c .config.Entrypoint "$W/image-config.json")"
  ready_and_rss image
  stop_agent
  in_image=1
else
  say "no image at $IMAGE_TAR (or no skopeo/jq/unshare): the rows measured in the image are left out"
fi
failed=$(sed -n 's/^failed //p' "$W/patch-to-status.out")
grep -v '^failed' "$W/patch-to-status.out" | awk '{printf "%.1f\n", $1 / 1000}' > "$W/patch-to-status-ms.txt"
grep -v '^failed' "$W/patch-to-status.out" | awk '$2 >= 0 {printf "%.1f\n", $2 / 1000}' > "$W/patch-event-ms.txt"
n=$(wc -l < "$W/patch-to-status-ms.txt")
pct() { # FILE PERCENTILE (nearest rank)
  sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; print a[i]}'
}
p50=$(pct "$W/patch-to-status-ms.txt" 50); p99=$(pct "$W/patch-to-status-ms.txt" 99); pmax=$(pct "$W/patch-to-status-ms.txt" 100)
f50=$(pct "$W/patch-event-ms.txt" 50); f99=$(pct "$W/patch-event-ms.txt" 99)

# --- summary rows -----------------------------------------------------------------------------------------------------
verdict() { # VALUE GOAL [floor reason]: met / not met
  awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "met" : "not met"}'
}
load="load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rss_median=$(median "$W/jvm-rss.txt")
ready_median=$(median "$W/jvm-ready-warm.txt")
{
  printf 'agent RSS at steady state (ps -o rss, image JVM options, after 20 reconciles + 10 s)\t-\t%s MiB median (%s) over %s starts, %s threads; %s MiB after the %s patch samples\t<= 80 MiB\t%s\n' \
    "$rss_median" "$(stats "$W/jvm-rss.txt" | sed 's/^[^ ]* //; s/[()]//g')" "$ROUNDS" "$(median "$W/jvm-threads.txt")" \
    "$(cat "$W/rss-after-samples.txt")" "$n" "$(verdict "$rss_median" 80)"
  printf 'agent time to ready, cold first start (process start -> /readyz 200, first reconcile done)\t-\t%s ms, CPU %s ms (%s)\t<= 1000 ms\t%s\n' \
    "$cold" "$cold_cpu" "$load" "$(verdict "$cold" 1000)"
  printf 'agent time to ready, warm starts\t-\t%s ms median (%s) over %s starts; CPU %s ms median (%s)\t<= 1000 ms\t%s\n' \
    "$ready_median" "$(stats "$W/jvm-ready-warm.txt" | sed 's/^[^ ]* //; s/[()]//g')" "$ROUNDS" \
    "$(median "$W/jvm-ready-cpu.txt")" "$(stats "$W/jvm-ready-cpu.txt" | sed 's/^[^ ]* //; s/[()]//g')" "$(verdict "$ready_median" 1000)"
  printf 'spec patch -> first status write (watch, local API server)\tfloor: the patch'"'"'s own watch event p50 %s ms, p99 %s ms\tp50 %s ms, p99 %s ms, max %s ms over %s samples (%s without a write in 10 s; %s)\t<= 50 ms p99\t%s\n' \
    "$f50" "$f99" "$p50" "$p99" "$pmax" "$n" "${failed:-?}" "$load" "$([ "$n" -ge 200 ] && [ "${failed:-1}" = 0 ] && verdict "$p99" 50 || echo 'not met')"
  if [ "$in_image" = 1 ]; then
    printf 'agent RSS at steady state in the image (its jlinked JRE and entrypoint; chroot)\t-\t%s MiB median (%s) over %s starts\t<= 80 MiB\t%s\n' \
      "$(median "$W/image-rss.txt")" "$(stats "$W/image-rss.txt" | sed 's/^[^ ]* //; s/[()]//g')" "$ROUNDS" \
      "$(verdict "$(median "$W/image-rss.txt")" 80)"
    printf 'agent time to ready in the image, cold first start\t-\t%s ms, CPU %s ms\t<= 1000 ms\t%s\n' \
      "$COLD" "$COLD_CPU" "$(verdict "$COLD" 1000)"
    printf 'agent time to ready in the image, warm starts\t-\t%s ms median (%s) over %s starts; CPU %s ms median (%s)\t<= 1000 ms\t%s\n' \
      "$(median "$W/image-ready-warm.txt")" "$(stats "$W/image-ready-warm.txt" | sed 's/^[^ ]* //; s/[()]//g')" "$ROUNDS" \
      "$(median "$W/image-ready-cpu.txt")" "$(stats "$W/image-ready-cpu.txt" | sed 's/^[^ ]* //; s/[()]//g')" \
      "$(verdict "$(median "$W/image-ready-warm.txt")" 1000)"
  fi
} | tee -a "$OUT/summary.tsv"
say "details in $W"
