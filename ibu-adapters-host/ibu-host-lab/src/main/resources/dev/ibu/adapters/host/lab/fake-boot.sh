#!/bin/bash
# Runs a command as if deployment DEPLOY of sysroot SYSROOT were booted (labs/host/lab-booted.sh):
# private mount + PID namespace (libostree reads /proc/1/ns/mnt), the deployment bind-mounted onto
# itself, host /usr borrowed for the tools, /run/ostree-booted, /sysroot, /boot, the stateroot's /var,
# and host /tmp (so temp paths are the same inside and out), then chroot.
# Usage: fake-boot.sh SYSROOT DEPLOY VAR -- CMD ARGS...
S=$1; D=$2; V=$3; shift 4
exec unshare -m -p -f --propagation private /bin/bash -c '
set -e
S=$1; D=$2; V=$3; shift 3
mount --bind "$D" "$D"
mount --bind /usr "$D/usr"
mount -t proc proc "$D/proc"
mount --rbind /dev "$D/dev"
mount -t tmpfs tmpfs "$D/run"
touch "$D/run/ostree-booted"
mount --bind "$S" "$D/sysroot"
mount --bind "$S/boot" "$D/boot"
mount --bind "$V" "$D/var"
mount --bind /tmp "$D/tmp"
set +e
exec chroot "$D" "$@"
' fake-boot "$S" "$D" "$V" "$@"
