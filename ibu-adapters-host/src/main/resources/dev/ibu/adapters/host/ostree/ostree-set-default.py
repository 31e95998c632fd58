#!/usr/bin/python3
# `ostree admin set-default INDEX` for ostree < 2023 (Debian 12 ships 2022.7 without it), through the
# same libostree calls upstream's command makes: load, lock, move INDEX to 0, write_deployments, cleanup.
# Usage: ostree-set-default.py SYSROOT INDEX
import sys, gi
gi.require_version('OSTree', '1.0')
from gi.repository import OSTree, Gio
sysroot = OSTree.Sysroot.new(Gio.File.new_for_path(sys.argv[1]))
sysroot.load(None)
sysroot.lock()
try:
    deps = list(sysroot.get_deployments())
    idx = int(sys.argv[2])
    if idx < 0 or idx >= len(deps):
        sys.exit("error: Out of range deployment index %d" % idx)
    target = deps.pop(idx)
    deps.insert(0, target)
    sysroot.write_deployments(deps, None)
    sysroot.cleanup(None)
finally:
    sysroot.unlock()
print("default is now %s %s.%d" % (target.get_osname(), target.get_csum(), target.get_deployserial()))
