package dev.ibu.adapters.host.lab;

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
        return create(dir, version, images, varFiles, 0, 4096);
    }

    /**
     * A seed with {@code treeFiles} extra files in its commit and {@code varFiles} in its /var, each
     * {@code fileSize} bytes, half random and half zeros (compresses about 2:1, like real content).
     */
    public static SeedContent create(Path dir, String version, List<String> images, int varFiles, int treeFiles,
                                     int fileSize) throws IOException {
        ProcessRunner run = ProcessRunner.local();
        Path repo = dir.resolve("seed-repo");
        Files.createDirectories(repo);
        run.runOk("ostree", "--repo=" + repo, "init", "--mode=bare");
        Path tree = dir.resolve("seed-tree");
        writeBulk(tree.resolve("usr/share/bulk"), treeFiles, fileSize, 1);
        String commit = LabSysroot.commitTree(run, repo, tree, "rhcos/seed", "seed " + version);
        Path var = dir.resolve("seed-var");
        Files.createDirectories(var.resolve("lib/kubelet"));
        Files.createDirectories(var.resolve("seed_data"));
        Files.writeString(var.resolve("lib/kubelet/config.json"), "{\"auths\":{}}");
        Files.writeString(var.resolve("seed_data/manifest.json"), "{}");
        writeBulk(var.resolve("lib/bulk"), varFiles, fileSize, 2);
        Path etc = dir.resolve("seed-etc");
        Files.createDirectories(etc.resolve("systemd/system"));
        Files.writeString(etc.resolve("lab.conf"), "setting=seed-custom\n");
        Files.writeString(etc.resolve("new-in-seed.conf"), "new=1\n");
        Files.writeString(etc.resolve("systemd/system/lca-init-monitor.service"), "[Unit]\nDescription=LCA init monitor\n");
        return new SeedContent(repo, "rhcos", commit, 0, var, etc, List.of("/etc/obsolete.conf", "/etc/already-gone.conf"),
            "[origin]\nrefspec=rhcos/seed\n", List.of("systemd.unified_cgroup_hierarchy=1", "nosmt"), false,
            SeedClusterInfo.minimal(version), images);
    }

    private static void writeBulk(Path dir, int files, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < files; i++) {
            byte[] data = new byte[size];
            byte[] half = new byte[size / 2];
            rnd.nextBytes(half);
            System.arraycopy(half, 0, data, 0, half.length);
            Files.write(dir.resolve("f" + i), data);
        }
    }
}
