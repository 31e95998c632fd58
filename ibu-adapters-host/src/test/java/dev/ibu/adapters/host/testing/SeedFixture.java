package dev.ibu.adapters.host.testing;

import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedClusterInfo;
import dev.ibu.adapters.host.seed.SeedContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The content of a small seed: its own bare repo with one commit, a /var, /etc changes and a deletion. */
public final class SeedFixture {

    private SeedFixture() {
    }

    public static SeedContent create(Path dir, String version, List<String> images, int varFiles) throws IOException {
        ProcessRunner run = ProcessRunner.local();
        Path repo = dir.resolve("seed-repo");
        Files.createDirectories(repo);
        run.runOk("ostree", "--repo=" + repo, "init", "--mode=bare");
        String commit = TestSysroot.commitTree(run, repo, dir.resolve("seed-tree"), "rhcos/seed", "seed " + version);
        Path var = dir.resolve("seed-var");
        Files.createDirectories(var.resolve("lib/kubelet"));
        Files.createDirectories(var.resolve("seed_data"));
        Files.writeString(var.resolve("lib/kubelet/config.json"), "{\"auths\":{}}");
        Files.writeString(var.resolve("seed_data/manifest.json"), "{}");
        Path bulk = var.resolve("lib/bulk");
        Files.createDirectories(bulk);
        byte[] kb = new byte[4096];
        for (int i = 0; i < varFiles; i++) {
            kb[i % kb.length] = (byte) i;
            Files.write(bulk.resolve("f" + i), kb);
        }
        Path etc = dir.resolve("seed-etc");
        Files.createDirectories(etc.resolve("systemd/system"));
        Files.writeString(etc.resolve("lab.conf"), "setting=seed-custom\n");
        Files.writeString(etc.resolve("new-in-seed.conf"), "new=1\n");
        Files.writeString(etc.resolve("systemd/system/lca-init-monitor.service"), "[Unit]\nDescription=LCA init monitor\n");
        return new SeedContent(repo, "rhcos", commit, 0, var, etc, List.of("/etc/obsolete.conf", "/etc/already-gone.conf"),
            "[origin]\nrefspec=rhcos/seed\n", List.of("systemd.unified_cgroup_hierarchy=1", "nosmt"), false,
            SeedClusterInfo.minimal(version), images);
    }
}
