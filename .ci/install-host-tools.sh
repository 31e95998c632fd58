#!/bin/bash
# Installs the host tools that ibu-adapters-host's integration tests (*IT) drive for real:
#   ostree (CLI), skopeo, docker-registry, libostree GI bindings + python3-gi (set-default shim for
#   ostree < 2023 and machine-readable status), util-linux (unshare/nsenter), e2fsprogs (chattr),
#   tar/gzip (benchmark's upstream route), curl (registry readiness probe), openssl (test certificates),
#   attr (setfattr: SELinux labels and other xattrs of unpacked seeds), mount (tmpfs in the disk-full IT).
# Idempotent and non-interactive: installs only what is missing; runs apt-get update only then.
set -u
export DEBIAN_FRONTEND=noninteractive

# package -> a file that proves it is installed
declare -A PROBE=(
  [ostree]=/usr/bin/ostree
  [skopeo]=/usr/bin/skopeo
  [docker-registry]=/usr/bin/docker-registry
  [gir1.2-ostree-1.0]=/usr/lib/x86_64-linux-gnu/girepository-1.0/OSTree-1.0.typelib
  [python3-gi]=/usr/lib/python3/dist-packages/gi/__init__.py
  [util-linux]=/usr/bin/unshare
  [e2fsprogs]=/usr/bin/chattr
  [tar]=/usr/bin/tar
  [gzip]=/usr/bin/gzip
  [curl]=/usr/bin/curl
  [openssl]=/usr/bin/openssl
  [attr]=/usr/bin/setfattr
  [mount]=/usr/bin/mount
)

missing=()
for pkg in "${!PROBE[@]}"; do
  if [ -e "${PROBE[$pkg]}" ]; then continue; fi
  # the typelib path is arch-specific: fall back to dpkg's own answer
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then continue; fi
  missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-host-tools: all host tools present"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "install-host-tools: must run as root to install: ${missing[*]}" >&2
  exit 1
fi
echo "install-host-tools: installing ${missing[*]}"
if ! apt-get update -qq; then
  echo "install-host-tools: 'apt-get update' failed; check the Debian mirror is reachable, then re-run .ci/install-host-tools.sh" >&2
  exit 1
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "install-host-tools: 'apt-get install ${missing[*]}' failed; see the apt output above, then re-run .ci/install-host-tools.sh" >&2
  exit 1
fi
for pkg in "${missing[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    echo "install-host-tools: package $pkg still not installed after apt-get install" >&2
    exit 1
  fi
done
echo "install-host-tools: done"
