#!/usr/bin/env bash
# The container image in CI (issue 13): builds it twice from scratch inputs and checks both give the same digest,
# inspects it with skopeo (labels, entrypoint, architecture, layers), unpacks it, runs its entrypoint in a chroot with
# its own mount and PID namespaces to print the version, and runs /usr/bin/gather in it against a local API server,
# once as in a must-gather pod and once with a fake node root at /host. Prints the image size and build times.
# Needs root (apt-get, chroot, unshare, mount). Usage: bash .ci/image.sh [--reuse]
#   --reuse   check the image already in ibu-agent/target instead of building it twice (while iterating)
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=ibu-agent/target/ibu-agent-image.tar
W="$(mktemp -d /tmp/ibu-image-ci.XXXXXX)"
API_PID=""
cleanup() {
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT
fail() { echo "image-ci: FAIL: $*" >&2; exit 1; }
ok() { echo "image-ci: ok: $*"; }

[ "$(id -u)" = 0 ] || fail "run as root: the build installs tools with apt-get, the checks use chroot and unshare"
for t in skopeo unshare chroot curl; do
  command -v "$t" >/dev/null || fail "$t is missing: run 'bash .ci/install-host-tools.sh'"
done
command -v jq >/dev/null || apt-get install -y -qq --no-install-recommends jq >/dev/null || fail "apt-get install jq failed"


# The local API server gather runs against. ONE place: adapt this when `local` moves out of the agent's jar.
start_api_server() {
  # the rehearsal's jar (not the node agent's) embeds the local API server; .ci/test's verify built it
  [ -f ibu-agent/ibu-rehearsal/target/ibu-rehearsal.jar ] \
    || mvn -B -q -ntp -DskipTests -pl ibu-agent/ibu-rehearsal -am package >&2 || fail "building ibu-rehearsal.jar failed"
  java -jar ibu-agent/ibu-rehearsal/target/ibu-rehearsal.jar local --serve --port=0 --kubeconfig-out="$W/kubeconfig" \
    > "$W/api-server.log" 2>&1 &
  API_PID=$!
}

# --- build twice: same inputs, same digest -------------------------------------------------------------------------
reuse=0
[ "${1:-}" = --reuse ] && reuse=1
t0=$(date +%s)
if [ "$reuse" = 1 ]; then
  [ -f "$IMAGE" ] || fail "--reuse: $IMAGE does not exist: build it with bash ibu-agent/image/build.sh"
  t1=$t0; t2=$t0; digest1="$(cat ibu-agent/target/ibu-agent-image.digest)"
else
  bash ibu-agent/image/build.sh
  t1=$(date +%s)
  digest1="$(cat ibu-agent/target/ibu-agent-image.digest)"
  sha1="$(sha256sum "$IMAGE" | cut -d' ' -f1)"
  rm -rf ibu-agent/target/image-build/layers ibu-agent/target/image-build/oci "$IMAGE"
  bash ibu-agent/image/build.sh
  t2=$(date +%s)
  digest2="$(cat ibu-agent/target/ibu-agent-image.digest)"
  sha2="$(sha256sum "$IMAGE" | cut -d' ' -f1)"
  [ "$digest1" = "$digest2" ] || fail "two builds of the same inputs gave $digest1 and $digest2"
  [ "$sha1" = "$sha2" ] || fail "two builds gave the same manifest but different archives ($sha1, $sha2)"
  ok "two builds (jar included) gave the same digest $digest1 and the same archive"
fi

# --- skopeo inspect ----------------------------------------------------------------------------------------------------
skopeo inspect "oci-archive:$IMAGE" > "$W/inspect.json"
skopeo inspect --config "oci-archive:$IMAGE" > "$W/config.json"
skopeo inspect --raw "oci-archive:$IMAGE" > "$W/manifest.json"
jq -e '.Architecture == "amd64" and .Os == "linux"' "$W/inspect.json" >/dev/null || fail "not linux/amd64"
[ "$(jq '.layers | length' "$W/manifest.json")" = 3 ] || fail "expected 3 layers (debian, jre, app)"
jq -e '.Labels["org.opencontainers.image.title"] == "ibu-agent"' "$W/inspect.json" >/dev/null || fail "title label"
[ "$(jq -r '.Labels["org.opencontainers.image.revision"]' "$W/inspect.json")" = "$(git rev-parse HEAD)" ] \
  || fail "revision label is not HEAD"
jq -e '.config.Entrypoint[0] == "/opt/ibu/jre/bin/java" and (.config.Entrypoint[-2:] == ["-jar", "/opt/ibu/ibu-agent.jar"])
       and .config.Cmd[0] == "run"' "$W/config.json" >/dev/null || fail "entrypoint/cmd: $(jq -c .config "$W/config.json")"
for opt in $(grep -v -e '^#' -e '^[[:space:]]*$' ibu-agent/image/jvm-options); do
  jq -e --arg o "$opt" '.config.Entrypoint | index($o)' "$W/config.json" >/dev/null || fail "entrypoint lacks $opt"
done
ok "skopeo inspect: linux/amd64, 3 layers, labels, entrypoint $(jq -c .config.Entrypoint "$W/config.json")"

# --- unpack ------------------------------------------------------------------------------------------------------------
skopeo copy -q "oci-archive:$IMAGE" "oci:$W/oci:ci"
R="$W/rootfs"
mkdir -p "$R"
for layer in $(jq -r '.layers[].digest' "$W/manifest.json"); do
  tar -xzf "$W/oci/blobs/sha256/${layer#sha256:}" -C "$R"
done
mkdir -p "$R/proc" "$R/dev"
# every ELF file's libraries are in the image (the JRE's through its own lib/ via $ORIGIN)
if command -v readelf >/dev/null; then
  missing=""
  while IFS= read -r f; do
    for lib in $(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      [ -n "$(find "$R/lib" "$R/usr/lib" "$R/opt/ibu/jre/lib" -name "$lib" -print -quit)" ] || missing="$missing $f:$lib"
    done
  done < <(find "$R" -type f \( -name '*.so*' -o -path '*/bin/*' \) -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' sh {} \;)
  [ -z "$missing" ] || fail "libraries missing from the image:$missing"
  ok "every ELF file's NEEDED libraries are in the image"
fi

mapfile -t ENTRYPOINT < <(jq -r '.config.Entrypoint[]' "$W/config.json")
mapfile -t ENV < <(jq -r '.config.Env[]' "$W/config.json")
# in_image ARGV...: run in the unpacked image, with its Env, its own mount and PID namespaces, /proc and /dev
in_image() {
  unshare --mount --pid --fork sh -c 'R="$1"; shift; mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" \
    && exec chroot "$R" "$@"' sh "$R" /usr/bin/env -i "${ENV[@]}" "$@"
}

version="$(in_image "${ENTRYPOINT[@]}" version)"
[ "$version" = "ibu-agent $(jq -r '.Labels["org.opencontainers.image.version"]' "$W/inspect.json")" ] \
  || fail "entrypoint 'version' printed '$version'"
ok "the entrypoint in a chroot prints '$version'"
# the class-data sharing archive of jvm-options matches the image's jar and JRE (-Xshare:on: the JVM refuses to start
# rather than silently running without it, which would only make start-up slower)
if jq -e '.config.Entrypoint | index("-XX:SharedArchiveFile=/opt/ibu/ibu-agent.jsa")' "$W/config.json" >/dev/null; then
  in_image "${ENTRYPOINT[0]}" -Xshare:on "${ENTRYPOINT[@]:1}" version >/dev/null 2>"$W/cds.err" \
    || fail "the JVM cannot use /opt/ibu/ibu-agent.jsa: $(tail -3 "$W/cds.err")"
  ok "the entrypoint's class-data sharing archive is used (-Xshare:on)"
fi

# --- gather against a local API server ---------------------------------------------------------------------------------
start_api_server
for _ in $(seq 1 120); do [ -s "$W/kubeconfig" ] && break; sleep 0.5; done
[ -s "$W/kubeconfig" ] || fail "the local API server wrote no kubeconfig: $(tail -5 "$W/api-server.log")"
server="$(sed -n 's/^ *server: *//p' "$W/kubeconfig" | head -n1)"
# the rehearsal serves https with a self-signed certificate and authenticates every request: any HTTP answer means up
for _ in $(seq 1 120); do curl -sk -o /dev/null "$server/version" && break; sleep 0.5; done
cp "$W/kubeconfig" "$R/tmp/kubeconfig"

# 1. as in a must-gather pod: no node root, the host side would come from the agent's pod
in_image env KUBECONFIG=/tmp/kubeconfig /usr/bin/gather /must-gather > "$W/gather.out" 2>&1 \
  || fail "gather exited non-zero: $(tail -20 "$W/gather.out")"
MG="$R/must-gather"
grep -q "^ibu-agent " "$MG/version" || fail "must-gather/version: $(cat "$MG/version")"
grep -q "name: upgrade" "$MG/cluster/crs/imagebasedupgrades.lca.openshift.io.yaml" \
  || fail "no ImageBasedUpgrade in cluster/crs: $(ls -R "$MG/cluster" | head -20); notes: $(cat "$MG/gather-notes.txt")"
[ -f "$MG/namespaces/openshift-lifecycle-agent/pods.yaml" ] || fail "no agent pods list"
for h in nodes clusteroperators machineconfigpools clusterserviceversions; do
  [ -f "$MG/cluster/health/$h.yaml" ] || grep -q "($h" "$MG/gather-notes.txt" || fail "health $h neither collected nor noted"
done
grep -q "no running pod labelled app.kubernetes.io/name=ibu-agent" "$MG/gather-notes.txt" \
  || fail "gather-notes.txt does not say why the host side is missing: $(cat "$MG/gather-notes.txt")"
[ -f "$MG/diagnose/ibu/upgrade.yaml" ] || fail "no diagnose bundle: $(find "$MG" -maxdepth 3 | head -30)"
! grep -qE ": [0-9]+: [^ ]+: not found" "$MG/must-gather-debug.log" || fail "gather calls a command the image lacks: $(grep -E ": [0-9]+: [^ ]+: not found" "$MG/must-gather-debug.log")"
ok "gather (must-gather pod): $(find "$MG" -type f | wc -l) files, $(wc -l < "$MG/gather-notes.txt") notes"

# 2. in the agent's container: a fake node root at /host, booted stateroot rhcos, unbooted rhcos_4.15.2
mkdir -p "$R/host/sysroot" "$R/host/ostree/deploy/rhcos/var/log" "$R/host/ostree/deploy/rhcos_4.15.2/var/log/pods" \
  "$R/host/ostree/deploy/rhcos_4.15.2/var/tmp"
echo booted > "$R/host/ostree/deploy/rhcos/var/log/booted.log"
echo unbooted > "$R/host/ostree/deploy/rhcos_4.15.2/var/log/pods/unbooted.log"
echo "recert: ok" > "$R/host/ostree/deploy/rhcos_4.15.2/var/tmp/recert-summary.yaml"
echo "BOOT_IMAGE=(hd0,gpt3)/ostree/rhcos-abc/vmlinuz ostree=/ostree/boot.1/rhcos/abc/0 root=UUID=x" > "$R/host/cmdline"
in_image env KUBECONFIG=/tmp/kubeconfig IBU_CMDLINE=/host/cmdline /usr/bin/gather /must-gather-node \
  > "$W/gather-node.out" 2>&1 || fail "gather on the node exited non-zero: $(tail -20 "$W/gather-node.out")"
N="$R/must-gather-node/host"
[ "$(cat "$N/unbooted-stateroot-var-log/rhcos_4.15.2/var/log/pods/unbooted.log")" = unbooted ] \
  || fail "the unbooted stateroot's /var/log was not collected: $(find "$N" | head -20)"
[ ! -e "$N/unbooted-stateroot-var-log/rhcos" ] || fail "the booted stateroot's logs were collected as unbooted"
[ -f "$N/recert-summary/recert-summary-rhcos_4.15.2.yaml" ] || fail "recert summary not collected"
grep -q "rpm-ostree-status.json" "$N/notes.txt" || fail "host/notes.txt does not name the failed rpm-ostree status"
! grep -qE ": [0-9]+: [^ ]+: not found" "$R/must-gather-node/must-gather-debug.log" \
  || fail "gather-host calls a command the image lacks: $(grep -E ": [0-9]+: [^ ]+: not found" "$R/must-gather-node/must-gather-debug.log")"
ok "gather (agent container, fake node): unbooted stateroot logs, recert summary; notes: $(wc -l < "$N/notes.txt")"

size=$(stat -c %s "$IMAGE")
echo "image-ci: image $IMAGE: $((size / 1024 / 1024)) MiB compressed ($(du -sh "$R" --exclude=must-gather* | cut -f1) unpacked)," \
  "layers $(jq -c '[.layers[].size / 1048576 | floor]' "$W/manifest.json") MiB;" \
  "build $((t1 - t0)) s, rebuild $((t2 - t1)) s; digest $digest1"
