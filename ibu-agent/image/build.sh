#!/usr/bin/env bash
# Builds the ibu-agent container image as an OCI archive with no container registry and no daemon:
#   ibu-agent/target/ibu-agent-image.tar      skopeo inspect oci-archive:ibu-agent/target/ibu-agent-image.tar
#   ibu-agent/target/ibu-agent-image.digest   the manifest digest (same inputs -> same digest)
# Three layers, each a deterministic tar (sorted, root-owned, one mtime: the commit's time) gzipped without a name:
#   1. debian: the pinned Debian 12 packages of packages.lock ('image' lines; apt-get download, sha256 checked,
#      dpkg-deb --fsys-tarfile), docs trimmed to the copyright files, plus /etc/passwd, group, hosts and /tmp;
#   2. jre: a JRE jlinked from the pinned Debian JDK ('build' lines) with the modules jdeps finds in the jar,
#      without the AWT/font/image/sound native libraries (they need X11, freetype, ... which the image omits);
#   3. app: the node agent's shaded jar, jvm-options, and rootfs/ (gather, gather-host); a class-data sharing
#      archive of classes.list only when jvm-options names one (see below: not reproducible, so off).
# Entrypoint: java <jvm-options> -jar /opt/ibu/ibu-agent.jar; Cmd: run --host-root=/host (the Deployment's args
# replace it). Usage, as root on Debian 12 amd64 (installs what it needs with apt-get; idempotent):
#   bash ibu-agent/image/build.sh                 build the jar (mvn -DskipTests package), then the image
#   bash ibu-agent/image/build.sh --no-jar        use the existing ibu-agent/target/ibu-agent.jar
#   bash ibu-agent/image/build.sh --update-lock   re-pin packages.lock to the mirror's current versions (needed
#                                                 after a Debian point or security release removes a pinned one)
set -euo pipefail
umask 022
export LC_ALL=C DEBIAN_FRONTEND=noninteractive

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TARGET="$REPO/ibu-agent/target"
B="$TARGET/image-build"
LOCK="$HERE/packages.lock"
JAR="$TARGET/ibu-agent.jar"
OUT="$TARGET/ibu-agent-image.tar"
ARCH=amd64
EXTRA_MODULES="jdk.crypto.ec,jdk.management" # service providers jdeps cannot see: EC TLS, com.sun.management (JVM metrics)
EXCLUDED_NATIVE="libawt_xawt libfontmanager libjavajpeg libsplashscreen liblcms libjawt libjsound"

build_jar=1
update_lock=0
for arg in "$@"; do
  case "$arg" in
    --no-jar) build_jar=0 ;;
    --update-lock) update_lock=1 ;;
    *) echo "build.sh: unknown option '$arg': use --no-jar or --update-lock" >&2; exit 2 ;;
  esac
done

die() { echo "build.sh: $*" >&2; exit 1; }
step() { echo "build.sh: $*"; }

[ "$(dpkg --print-architecture 2>/dev/null)" = "$ARCH" ] \
  || die "packages.lock pins $ARCH packages: run on Debian 12 $ARCH (dpkg --print-architecture says '$(dpkg --print-architecture 2>/dev/null)')"

# --- tools -----------------------------------------------------------------------------------------------------------
apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq || die "'apt-get update' failed: check the Debian mirror is reachable"
    apt_updated=1
  fi
}
need=()
for pair in dpkg-deb:dpkg tar:tar gzip:gzip sha256sum:coreutils jq:jq git:git apt-get:apt; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if [ "$build_jar" = 1 ]; then
  command -v mvn >/dev/null || need+=(maven)
  command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
fi
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing tools (packages: ${need[*]}): run as root so that apt-get can install them"
  step "installing ${need[*]}"
  apt_update
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || die "apt-get install ${need[*]} failed"
fi

# --- inputs: the commit's time for every file, the version from the jar ----------------------------------------------
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || echo 315532800)}"
CREATED="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
REVISION="$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)"
export SOURCE_DATE_EPOCH

if [ "$build_jar" = 1 ]; then
  step "building the jar (mvn -DskipTests package, entries dated $CREATED)"
  (cd "$REPO" && mvn -B -q -ntp -DskipTests -Dproject.build.outputTimestamp="$CREATED" -pl ibu-agent -am package) \
    || die "mvn package failed (see above)"
fi
[ -f "$JAR" ] || die "$JAR does not exist: build it with 'mvn -B -DskipTests package', or drop --no-jar"

# --- pinned Debian packages ------------------------------------------------------------------------------------------
mkdir -p "$B/debs"
# fetch NAME VERSION SHA256 -> prints the cached .deb's path
fetch() {
  local name="$1" version="$2" sha="$3" cached="$B/debs/$1_$3.deb" tmp
  if [ -f "$cached" ] && [ "$(sha256sum < "$cached" | cut -d' ' -f1)" = "$sha" ]; then echo "$cached"; return; fi
  tmp="$(mktemp -d "$B/dl.XXXXXX")"
  if ! (cd "$tmp" && apt-get download -qq "$name=$version" >/dev/null 2>&1); then
    apt_update
    (cd "$tmp" && apt-get download -qq "$name=$version" >&2) || { rm -rf "$tmp"; die "packages.lock: $name=$version \
is not on the Debian mirror any more (apt-cache policy $name lists what is): re-pin with 'bash $0 --update-lock'"; }
  fi
  local got
  got="$(sha256sum "$tmp"/*.deb | cut -d' ' -f1)"
  if [ "$sha" != "-" ] && [ "$got" != "$sha" ]; then
    rm -rf "$tmp"; die "packages.lock: $name=$version has sha256 $got on the mirror, not $sha: check the mirror, or re-pin with --update-lock"
  fi
  mv "$tmp"/*.deb "$B/debs/$1_$got.deb"; rmdir "$tmp"
  echo "$B/debs/$1_$got.deb"
}

if [ "$update_lock" = 1 ]; then
  apt_update
  new="$(mktemp)"
  while IFS= read -r line; do
    case "$line" in ''|'#'*) echo "$line"; continue ;; esac
    read -r role name _version _sha paths <<<"$line"
    candidate="$(apt-cache policy "$name" | awk '/Candidate:/ {print $2}')"
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || die "packages.lock: no candidate for $name on the mirror"
    deb="$(fetch "$name" "$candidate" -)"
    echo "$role $name $candidate $(sha256sum < "$deb" | cut -d' ' -f1)${paths:+ $paths}"
  done < "$LOCK" > "$new"
  mv "$new" "$LOCK"; chmod 644 "$LOCK"
  step "re-pinned $LOCK"
fi

# extract ROLE DIR: every package of that role into DIR (only the listed paths when a line names some)
extract() {
  local role="$1" dir="$2" r name version sha paths deb
  while read -r r name version sha paths; do
    case "$r" in ''|'#'*) continue ;; esac
    [ "$r" = "$role" ] || continue
    deb="$(fetch "$name" "$version" "$sha")"
    # shellcheck disable=SC2086 # paths is a list
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" $paths || die "cannot extract $deb${paths:+ ($paths)}"
  done < "$LOCK"
}

L="$B/layers"
rm -rf "$L" "$B/jdk" "$B/oci"
mkdir -p "$L/debian" "$L/jre/opt/ibu" "$L/app/opt/ibu" "$B/jdk" "$B/oci/blobs/sha256"

step "layer 1: Debian packages of $LOCK"
extract image "$L/debian"
(
  cd "$L/debian"
  rm -rf usr/share/man usr/share/info usr/share/locale usr/share/lintian usr/share/bug usr/share/gcc usr/share/gdb \
    usr/share/doc-base usr/share/bash-completion usr/share/menu
  find usr/share/doc -type f ! -name copyright -delete 2>/dev/null || true
  mkdir -p etc tmp root
  chmod 1777 tmp
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > etc/passwd
  printf 'root:x:0:\nnogroup:x:65534:\n' > etc/group
  # the kubelet mounts its own; this one makes 'localhost' resolve when the image runs elsewhere (CI's chroot)
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > etc/hosts
)

step "layer 2: JRE jlinked from the pinned JDK"
extract build "$B/jdk"
JDK="$(dirname "$(dirname "$(find "$B/jdk/usr/lib/jvm" -path '*/bin/jlink' | head -n1)")")"
[ -x "$JDK/bin/jlink" ] || die "no jlink in the 'build' packages of $LOCK"
modules="$("$JDK/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$JAR" | tail -n1)"
[ -n "$modules" ] || die "jdeps found no modules in $JAR"
excluded="$(printf '**/%s.so,' $EXCLUDED_NATIVE)"
"$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$modules,$EXTRA_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --exclude-files="${excluded%,}" \
  --output "$L/jre/opt/ibu/jre"
mkdir -p "$L/jre/usr/bin"
ln -s /opt/ibu/jre/bin/java "$L/jre/usr/bin/java"

step "layer 3: the agent"
cp "$JAR" "$L/app/opt/ibu/ibu-agent.jar"
cp "$HERE/jvm-options" "$HERE/packages.lock" "$L/app/opt/ibu/"
cp -R "$HERE/rootfs/." "$L/app/"
chmod 0644 "$L/app/opt/ibu/"*
find "$L/app/usr/bin" -type f -exec chmod 0755 {} +
find "$L/app" -type d -exec chmod 0755 {} +

VERSION="$("$L/jre/opt/ibu/jre/bin/java" -XX:+UseSerialGC -jar "$JAR" version | awk '{print $2}')"
[ -n "$VERSION" ] || die "the jlinked JRE could not run '$JAR version'"

# The class-data sharing archive named by jvm-options (-XX:SharedArchiveFile): the classes `run` loads (classes.list,
# recorded by `bash .ci/bench.d/30-agent.sh --write-classlist`), parsed and verified once here. The JVM checks the
# archive against the jar's path, size and mtime and the JRE's modules file, so it is dumped by the image's own JRE
# in a chroot of the layers at their image paths, every file at the time det_tar gives it (address randomization off).
# Off by default (jvm-options does not name it): JDK 17's dump is not byte-reproducible (two dumps of the same inputs
# differ in 40 KB to 20 MB), so with it two builds give different digests and .ci/image.sh fails.
JSA=/opt/ibu/ibu-agent.jsa
if grep -qx -- "-XX:SharedArchiveFile=$JSA" "$HERE/jvm-options"; then
  [ -f "$HERE/classes.list" ] || die "jvm-options names $JSA but $HERE/classes.list is missing"
  [ "$(id -u)" = 0 ] || die "dumping $JSA needs root (chroot): run as root, or drop -XX:SharedArchiveFile from jvm-options"
  R="$B/cds-root"
  rm -rf "$R"; mkdir -p "$R"
  cp -a "$L/debian/." "$L/jre/." "$L/app/." "$R/"
  cp "$HERE/classes.list" "$R/tmp/classes.list"
  mkdir -p "$R/proc" "$R/dev"
  find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  mapfile -t dump_opts < <(grep -v -e '^#' -e '^[[:space:]]*$' -e '^-XX:SharedArchiveFile=' "$HERE/jvm-options")
  unshare --mount --fork sh -c 'R="$1"; shift; mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" \
    && exec setarch x86_64 -R chroot "$R" "$@"' sh "$R" /opt/ibu/jre/bin/java -Xshare:dump \
    -XX:SharedClassListFile=/tmp/classes.list -XX:SharedArchiveFile="$JSA" "${dump_opts[@]}" -cp /opt/ibu/ibu-agent.jar \
    > "$B/cds-dump.log" 2>&1 || die "dumping $JSA failed: $(tail -5 "$B/cds-dump.log")"
  cp "$R$JSA" "$L/app$JSA"
  chmod 0644 "$L/app$JSA"
  rm -rf "$R"
  step "class-data sharing archive $JSA: $(du -h "$L/app$JSA" | cut -f1), $(grep -vc '^#' "$HERE/classes.list") entries of classes.list"
fi

# --- OCI layout ------------------------------------------------------------------------------------------------------
GZIP_BIN="$L/debian/bin/gzip" # the pinned gzip: the compressed bytes do not depend on the build host
blob() { # FILE -> moves it into blobs/sha256, prints its digest
  local d; d="$(sha256sum "$1" | cut -d' ' -f1)"
  mv "$1" "$B/oci/blobs/sha256/$d"; echo "$d"
}
det_tar() { # DIR OUT [names...]: deterministic tar of DIR
  local dir="$1" out="$2"; shift 2
  tar --sort=name --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$dir" -cf "$out" "${@:-.}"
}
layers_json="[]"; diff_ids="[]"; history="[]"
for layer in debian jre app; do
  det_tar "$L/$layer" "$B/$layer.tar"
  diff_id="$(sha256sum "$B/$layer.tar" | cut -d' ' -f1)"
  "$GZIP_BIN" -n -9 -c "$B/$layer.tar" > "$B/$layer.tar.gz"
  rm "$B/$layer.tar"
  size="$(stat -c %s "$B/$layer.tar.gz")"
  digest="$(blob "$B/$layer.tar.gz")"
  layers_json="$(jq -c --arg d "sha256:$digest" --argjson s "$size" \
    '. + [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}]' <<<"$layers_json")"
  diff_ids="$(jq -c --arg d "sha256:$diff_id" '. + [$d]' <<<"$diff_ids")"
  case "$layer" in
    debian) what="Debian 12 packages pinned in packages.lock" ;;
    jre) what="JRE jlinked with $modules,$EXTRA_MODULES" ;;
    app) what="ibu-agent $VERSION, gather" ;;
  esac
  history="$(jq -c --arg c "$CREATED" --arg w "$what" '. + [{created: $c, created_by: $w}]' <<<"$history")"
done

jvm_opts="$(grep -v -e '^#' -e '^[[:space:]]*$' "$HERE/jvm-options" | jq -R . | jq -sc .)"
jq -n -c --arg created "$CREATED" --arg version "$VERSION" --arg revision "$REVISION" \
  --argjson opts "$jvm_opts" --argjson diff_ids "$diff_ids" --argjson history "$history" '{
  created: $created, architecture: "amd64", os: "linux",
  config: {
    User: "0",
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=/opt/ibu/jre"],
    Entrypoint: (["/opt/ibu/jre/bin/java"] + $opts + ["-jar", "/opt/ibu/ibu-agent.jar"]),
    Cmd: ["run", "--host-root=/host"],
    WorkingDir: "/",
    StopSignal: "SIGTERM",
    Labels: {
      "org.opencontainers.image.title": "ibu-agent",
      "org.opencontainers.image.description": "Image-based upgrade agent for single-node OpenShift; /usr/bin/gather for oc adm must-gather",
      "org.opencontainers.image.version": $version,
      "org.opencontainers.image.revision": $revision,
      "org.opencontainers.image.created": $created,
      "io.k8s.display-name": "ibu-agent"
    }
  },
  rootfs: {type: "layers", diff_ids: $diff_ids},
  history: $history
}' > "$B/config.json"
config_size="$(stat -c %s "$B/config.json")"
config_digest="$(blob "$B/config.json")"

jq -n -c --arg cd "sha256:$config_digest" --argjson cs "$config_size" --argjson layers "$layers_json" '{
  schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
  layers: $layers
}' > "$B/manifest.json"
manifest_size="$(stat -c %s "$B/manifest.json")"
manifest_digest="$(blob "$B/manifest.json")"

jq -n -c --arg md "sha256:$manifest_digest" --argjson ms "$manifest_size" --arg ref "$VERSION" '{
  schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
  manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $md, size: $ms,
               annotations: {"org.opencontainers.image.ref.name": $ref}}]
}' > "$B/oci/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$B/oci/oci-layout"

det_tar "$B/oci" "$OUT.tmp" oci-layout index.json blobs
mv "$OUT.tmp" "$OUT"
echo "sha256:$manifest_digest" > "$TARGET/ibu-agent-image.digest"
step "wrote $OUT ($(du -h "$OUT" | cut -f1), manifest sha256:$manifest_digest, ibu-agent $VERSION, modules $modules,$EXTRA_MODULES)"
