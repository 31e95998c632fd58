package dev.ibu.agent.ops;

import dev.ibu.adapters.host.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real, tiny ostree sysroot in a temp dir (base/sysroot, with base/work beside it), its stateroots deployed from a
 * minimal tree, as the host adapter's own ITs make them. Nothing in it is booted: ostree sees an offline sysroot.
 */
final class TempSysroot {
    private final Path base;
    private final Path sysroot;
    private final ProcessRunner run = ProcessRunner.local();

    TempSysroot(Path base) throws IOException {
        this.base = base;
        this.sysroot = base.resolve("sysroot");
        Files.createDirectories(sysroot);
        run.runOk("ostree", "admin", "init-fs", sysroot.toString());
    }

    static boolean ostreeAvailable() {
        try {
            return ProcessRunner.local().run(List.of("ostree", "--version")).succeeded();
        } catch (RuntimeException e) {
            return false;
        }
    }

    Path path() {
        return sysroot;
    }

    /** os-init, commit a tree and deploy it as the stateroot {@code osname}. */
    void deploy(String osname) throws IOException {
        run.runOk("ostree", "admin", "os-init", "--sysroot=" + sysroot, osname);
        Path tree = base.resolve("tree-" + osname);
        Path mods = tree.resolve("usr/lib/modules/6.1.0-test");
        Files.createDirectories(mods);
        Files.writeString(mods.resolve("vmlinuz"), "fake kernel " + osname);
        Files.writeString(mods.resolve("initramfs.img"), "fake initramfs " + osname);
        Files.createDirectories(tree.resolve("usr/etc"));
        Files.writeString(tree.resolve("usr/lib/os-release"), "NAME=\"Test CoreOS\"\nID=rhcos\n");
        for (String d : new String[] {"sysroot", "var", "boot", "tmp"}) {
            Files.createDirectories(tree.resolve(d));
        }
        run.runOk("ostree", "--repo=" + sysroot.resolve("ostree/repo"), "commit", "--branch=" + osname + "/base",
                "--subject=" + osname, "--tree=dir=" + tree);
        run.runOk("ostree", "admin", "deploy", "--sysroot=" + sysroot, "--os=" + osname, "--karg=root=LABEL=root",
                osname + "/base");
    }

    /** Deployment roots are immutable (chattr +i): clear that so JUnit can delete the temp dir. */
    void makeDeletable() {
        run.run(List.of("chattr", "-R", "-f", "-i", base.toString()));
    }
}
