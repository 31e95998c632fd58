package dev.ibu.adapters.host.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.RequireHostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels written by GNU tar --selinux --xattrs (as lca-cli makes seeds) survive our safe unpack. */
class SetfattrRestoreIT {

    @TempDir
    Path tmp;

    @Test
    void selinux_labels_and_user_xattrs_of_files_and_symlinks_are_restored() throws Exception {
        RequireHostTools.require("tar", "setfattr", "getfattr");
        ProcessRunner run = ProcessRunner.local();
        Path src = Files.createDirectories(tmp.resolve("src/etc/odd dir"));
        Files.writeString(src.resolve("f"), "x");
        Files.createSymbolicLink(src.resolve("l"), Path.of("f"));
        run.runOk("setfattr", "-n", "user.test", "-v", "hello", src.resolve("f").toString());
        run.runOk("setfattr", "-n", "security.selinux", "-v", "system_u:object_r:etc_t:s0", src.resolve("f").toString());
        run.runOk("setfattr", "-h", "-n", "security.selinux", "-v", "system_u:object_r:etc_t:s0", src.resolve("l").toString());
        Path tgz = tmp.resolve("etc.tgz");
        run.runOk(List.of("tar", "czf", tgz.toString(), "-C", tmp.resolve("src").toString(), ".", "--selinux", "--xattrs",
            "--xattrs-include=*", "--acls"));

        HostLayout layout = HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("work"));
        SetfattrRestore restore = new SetfattrRestore(run, layout, tmp.resolve("work"));
        Path target = tmp.resolve("target");
        new SafeTarExtractor(true, restore).extractTgz(tgz, target, new ExtractionBudget(ExtractionLimits.SEED_DEFAULT));
        assertThat(restore.pendingFiles()).isEqualTo(2);
        restore.apply();

        Path f = target.resolve("etc/odd dir/f");
        assertThat(get(run, f, "security.selinux", false)).isEqualTo("system_u:object_r:etc_t:s0");
        assertThat(get(run, f, "user.test", false)).isEqualTo("hello");
        assertThat(get(run, target.resolve("etc/odd dir/l"), "security.selinux", true)).isEqualTo("system_u:object_r:etc_t:s0");
        assertThat(restore.pendingFiles()).isZero();
        try (var s = Files.list(tmp.resolve("work"))) {
            assertThat(s).as("the dump file is deleted").isEmpty();
        }
    }

    @Test
    void escapes_paths_like_getfattr() {
        assertThat(SetfattrRestore.escape("/a b/c\\d=e\n")).isEqualTo("/a\\040b/c\\134d\\075e\\012");
        assertThat(SetfattrRestore.escape("/é")).isEqualTo("/\\303\\251");
    }

    private static String get(ProcessRunner run, Path p, String name, boolean noDeref) {
        List<String> argv = new java.util.ArrayList<>(List.of("getfattr", "--only-values", "-n", name));
        if (noDeref) {
            argv.add("-h");
        }
        argv.add(p.toString());
        return run.runOk(argv).stdout().replace("\0", "");
    }
}
