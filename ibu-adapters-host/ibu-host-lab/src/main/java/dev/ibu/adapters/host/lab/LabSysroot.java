package dev.ibu.adapters.host.lab;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real ostree sysroot in a temp dir, laid out like a (tiny) RHCOS: stateroot "rhcos" deployed from
 * a commit whose tree has what {@code ostree admin deploy} needs (kernel, initramfs, os-release).
 */
public final class LabSysroot implements AutoCloseable {

    private final Path base;
    private final Path sysroot;
    private final ProcessRunner run = ProcessRunner.local();

    public LabSysroot(Path base) throws IOException {
        this.base = base;
        this.sysroot = base.resolve("sysroot");
        Files.createDirectories(sysroot);
        run.runOk("ostree", "admin", "init-fs", sysroot.toString());
    }

    public Path path() {
        return sysroot;
    }

    public HostLayout layout() {
        return HostLayout.forSysroot(sysroot, base.resolve("work"));
    }

    public Path repo() {
        return sysroot.resolve("ostree/repo");
    }

    /** Commits a tree into {@code repo} under {@code branch} and returns the commit checksum. */
    public static String commitTree(ProcessRunner run, Path repo, Path treeDir, String branch, String flavour)
        throws IOException {
        writeTree(treeDir, flavour);
        return run.runOk("ostree", "--repo=" + repo, "commit", "--branch=" + branch, "--subject=" + flavour,
            "--tree=dir=" + treeDir).stdout().strip();
    }

    /** os-init + commit + deploy: the install-time stateroot. */
    public String installOriginal(String osname) throws IOException {
        run.runOk("ostree", "admin", "os-init", "--sysroot=" + sysroot, osname);
        String csum = commitTree(run, repo(), base.resolve("tree-" + osname), osname + "/base", "base " + osname);
        run.runOk("ostree", "admin", "deploy", "--sysroot=" + sysroot, "--os=" + osname, "--karg=root=LABEL=root",
            osname + "/base");
        return csum;
    }

    static void writeTree(Path tree, String flavour) throws IOException {
        Path mods = tree.resolve("usr/lib/modules/6.1.0-test");
        Files.createDirectories(mods);
        Files.writeString(mods.resolve("vmlinuz"), "fake kernel " + flavour);
        Files.writeString(mods.resolve("initramfs.img"), "fake initramfs " + flavour);
        Files.createDirectories(tree.resolve("usr/etc"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.createDirectories(tree.resolve("usr/sbin"));
        Files.createDirectories(tree.resolve("usr/lib64"));
        Files.writeString(tree.resolve("usr/lib/os-release"), "NAME=\"Test CoreOS\"\nID=rhcos\nVERSION=\"" + flavour + "\"\n");
        Files.createSymbolicLink(tree.resolve("usr/etc/os-release"), Path.of("../lib/os-release"));
        Files.writeString(tree.resolve("usr/etc/lab.conf"), "setting=" + flavour + "\n");
        Files.writeString(tree.resolve("usr/etc/obsolete.conf"), "to-be-deleted\n");
        Files.writeString(tree.resolve("usr/bin/hello"), "hello " + flavour + "\n");
        for (String d : new String[] {"sysroot", "proc", "sys", "dev", "run", "tmp", "var", "boot", "mnt"}) {
            Files.createDirectories(tree.resolve(d));
        }
        Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(tree.resolve("lib64"), Path.of("usr/lib64"));
        Files.createSymbolicLink(tree.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(tree.resolve("sbin"), Path.of("usr/sbin"));
        Files.createSymbolicLink(tree.resolve("ostree"), Path.of("sysroot/ostree"));
    }

    /** Deployment roots are immutable (chattr +i): clear that before deleting. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        // ostree marks deployments immutable: lift that, then delete as the adapters do (no symlink is followed)
        ProcessRunner.local().run(java.util.List.of("chattr", "-R", "-f", "-i", dir.toString()));
        dev.ibu.adapters.host.support.AtomicFiles.deleteTree(dir);
    }

    @Override
    public void close() throws IOException {
        deleteTree(base);
    }
}
