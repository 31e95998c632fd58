package dev.ibu.adapters.host.bench;

import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedClusterInfo;
import dev.ibu.adapters.host.seed.SeedContent;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.ports.out.SeedImageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A seed as lca-cli makes it, for the stateroot benchmark: every file of the commit, /var and /etc carries an SELinux
 * label ({@code security.selinux}, as on RHCOS), and ostree.tgz, var.tgz and etc.tgz are made by GNU tar with
 * lca-cli's options ({@code --selinux --xattrs --xattrs-include=* --acls}), so both routes have the label work to do.
 */
final class LabelledSeed {

    static final List<String> TAROPTS = List.of("--selinux", "--xattrs", "--xattrs-include=*", "--acls");

    private LabelledSeed() {
    }

    /** Builds the seed under {@code dir}, pushes it to {@code ref}; returns the backup dir (the image root). */
    static Path build(Path dir, String version, int treeFiles, int varFiles, int fileSize, SkopeoClient skopeo, String ref)
        throws IOException {
        ProcessRunner run = ProcessRunner.local();
        Path repo = Files.createDirectories(dir.resolve("seed-repo"));
        run.runOk("ostree", "--repo=" + repo, "init", "--mode=bare");
        Path tree = dir.resolve("seed-tree");
        bulk(tree.resolve("usr/share/bulk"), treeFiles, fileSize, 1);
        label(run, tree, "system_u:object_r:usr_t:s0", dir);
        String commit = LabSysroot.commitTree(run, repo, tree, "rhcos/seed", "seed " + version);
        Path varRoot = dir.resolve("seed-varroot");
        Path var = varRoot.resolve("var");
        Files.createDirectories(var.resolve("lib/kubelet"));
        Files.createDirectories(var.resolve("seed_data"));
        Files.createDirectories(var.resolve("tmp"));
        Files.writeString(var.resolve("lib/kubelet/config.json"), "{\"auths\":{}}");
        Files.writeString(var.resolve("seed_data/manifest.json"), "{}");
        bulk(var.resolve("lib/bulk"), varFiles, fileSize, 2);
        label(run, var, "system_u:object_r:var_lib_t:s0", dir);
        Path etcRoot = dir.resolve("seed-etcroot");
        Path etc = etcRoot.resolve("etc");
        Files.createDirectories(etc.resolve("systemd/system"));
        Files.writeString(etc.resolve("lab.conf"), "setting=seed-custom\n");
        Files.writeString(etc.resolve("new-in-seed.conf"), "new=1\n");
        Files.writeString(etc.resolve("systemd/system/lca-init-monitor.service"), "[Unit]\nDescription=LCA init monitor\n");
        label(run, etc, "system_u:object_r:etc_t:s0", dir);
        SeedContent c = new SeedContent(repo, "rhcos", commit, 0, var, etc, List.of("/etc/obsolete.conf"),
            "[origin]\nrefspec=rhcos/seed\n", List.of("systemd.unified_cgroup_hierarchy=1", "nosmt"), false,
            SeedClusterInfo.minimal(version), List.of());
        Path backup = dir.resolve("backup");
        SeedImageBuilder.writeBackupDir(c, backup); // the small files; the three archives are made again by GNU tar
        tar(run, backup.resolve("ostree.tgz"), repo, ".");
        tar(run, backup.resolve("var.tgz"), varRoot, "var");
        tar(run, backup.resolve("etc.tgz"), etcRoot, "etc");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SeedImageInfo.FORMAT_VERSION_LABEL, SeedImageInfo.SUPPORTED_FORMAT_VERSION);
        labels.put(SeedImageInfo.CLUSTER_INFO_LABEL, Json.MAPPER.writeValueAsString(c.clusterInfo()));
        Path oci = dir.resolve("oci");
        SeedImageBuilder.writeOciLayout(backup, oci, labels);
        skopeo.copy("oci:" + oci + ":seed", "docker://" + ref, Optional.empty());
        return backup;
    }

    private static void tar(ProcessRunner run, Path tgz, Path dir, String member) {
        List<String> argv = new ArrayList<>(List.of("tar", "czf", tgz.toString(), "-C", dir.toString(), member));
        argv.addAll(TAROPTS);
        run.runOk(argv);
    }

    /** One setfattr --restore for the whole tree (a process per file would take minutes). */
    private static void label(ProcessRunner run, Path root, String context, Path scratch) throws IOException {
        StringBuilder dump = new StringBuilder();
        String value = "0s" + java.util.Base64.getEncoder().encodeToString((context + "\0").getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !Files.isSymbolicLink(p)).forEach(p ->
                dump.append("# file: ").append(p).append('\n').append("security.selinux=").append(value).append("\n\n"));
        }
        Path f = scratch.resolve("labels.dump");
        Files.writeString(f, dump);
        run.runOk("setfattr", "-h", "--restore=" + f);
        Files.delete(f);
    }

    /** Files half random, half zeros: about 2:1 under gzip, like an OS tree. */
    private static void bulk(Path dir, int files, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        for (int i = 0; i < files; i++) {
            Path sub = Files.createDirectories(dir.resolve("d" + (i / 256)));
            byte[] data = new byte[size];
            byte[] half = new byte[size / 2];
            rnd.nextBytes(half);
            System.arraycopy(half, 0, data, 0, half.length);
            Files.write(sub.resolve("f" + i), data);
        }
    }
}
