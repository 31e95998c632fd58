package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import dev.ibu.adapters.host.archive.TarPacker;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a seed image without podman: writes the backup directory (§1.2), packs it as the single layer
 * of an OCI image ("FROM scratch, COPY . /") whose config carries the two LCA labels, and pushes it
 * with skopeo. Same content gives the same digest (sorted tar, fixed mtimes, gzip without a name).
 */
public final class SeedImageBuilder {

    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final SkopeoClient skopeo;
    private final Supplier<String> architecture;

    /** A builder of seeds for this machine's architecture ({@code uname -m}), as podman build makes them. */
    public SeedImageBuilder(SkopeoClient skopeo) {
        this(skopeo, NodeArchitecture.fromHost(dev.ibu.adapters.host.process.ProcessRunner.local()));
    }

    /** @param architecture the GOARCH name the seed's OCI config declares: the seed node's */
    public SeedImageBuilder(SkopeoClient skopeo, Supplier<String> architecture) {
        this.skopeo = skopeo;
        this.architecture = architecture;
    }

    /** Builds in {@code workDir} (left for inspection, delete it after) and pushes to {@code imageRef}. */
    public void buildAndPush(SeedContent content, String imageRef, Optional<PullSecret> pushSecret, Path workDir) {
        Path backup = workDir.resolve("backup");
        Path oci = workDir.resolve("oci");
        writeBackupDir(content, backup);
        writeOciLayout(backup, oci, labels(content.clusterInfo()), architecture.get());
        try (AuthFile auth = AuthFile.write(pushSecret, workDir.resolve("auth"))) {
            skopeo.copy("oci:" + oci + ":seed", "docker://" + imageRef, auth.path());
        }
    }

    static Map<String, String> labels(SeedClusterInfo info) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SeedImageInfo.FORMAT_VERSION_LABEL, SeedImageInfo.SUPPORTED_FORMAT_VERSION);
        labels.put(SeedImageInfo.CLUSTER_INFO_LABEL, Json.MAPPER.writeValueAsString(info));
        return labels;
    }

    /** The image root, file for file as lca-cli's {@code /var/tmp/backup}. */
    public static void writeBackupDir(SeedContent c, Path backup) {
        try {
            Files.createDirectories(backup);
            TarPacker packer = new TarPacker(null);
            packer.packTgz(c.ostreeRepo(), "", backup.resolve("ostree.tgz"), n -> true);
            packer.packTgz(c.varDir(), "var", backup.resolve("var.tgz"), SeedImageBuilder::keepInVar);
            packer.packTgz(c.etcDir(), "etc", backup.resolve("etc.tgz"), n -> true);
            Files.writeString(backup.resolve("etc.deletions"), joinLines(c.etcDeletions()));
            Files.writeString(backup.resolve("ostree-" + c.deployment() + ".origin"), c.origin());
            Files.writeString(backup.resolve("manifest.json"), Json.MAPPER.writeValueAsString(c.clusterInfo()));
            Files.writeString(backup.resolve("containers.list"), String.join("\n", c.images()));
            Files.writeString(backup.resolve("rpm-ostree.json"), rpmOstreeJson(c));
            Files.writeString(backup.resolve("mco-currentconfig.json"), mcoJson(c));
            Path cli = backup.resolve("lca-cli");
            Files.writeString(cli, "#!/bin/sh\necho 'ibu seed placeholder for lca-cli'\n");
            Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seed backup directory " + backup, e);
        }
    }

    /** Contents of these /var paths stay on the seed (host-and-image.md §1.2); the directories themselves go. */
    private static final List<String> VAR_EMPTIED = List.of("tmp/", "log/", "lib/log/", "lib/cni/bin/", "lib/containers/",
        "lib/kubelet/pods/", "lib/ovn-ic/etc/");

    /** Upstream's var.tgz excludes, as a filter on paths relative to /var. */
    static boolean keepInVar(String rel) {
        if (rel.equals("lib/lca") || rel.startsWith("lib/lca/") || rel.endsWith("/.bash_history")
            || rel.equals(".bash_history")) {
            return false;
        }
        return VAR_EMPTIED.stream().noneMatch(rel::startsWith);
    }

    private static String joinLines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static String rpmOstreeJson(SeedContent c) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode d = root.putArray("deployments").addObject();
        d.put("id", c.osname() + "-" + c.deployment());
        d.put("osname", c.osname());
        d.put("serial", c.serial());
        d.put("checksum", c.commit());
        d.put("booted", true);
        d.put("staged", false);
        root.putNull("transaction");
        return Json.MAPPER.writeValueAsString(root);
    }

    private static String mcoJson(SeedContent c) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("apiVersion", "machineconfiguration.openshift.io/v1");
        root.put("kind", "MachineConfig");
        root.putObject("metadata").put("name", "rendered-master-seed");
        ObjectNode spec = root.putObject("spec");
        c.kernelArguments().forEach(spec.putArray("kernelArguments")::add);
        if (c.kernelArguments().isEmpty()) {
            spec.putArray("kernelArguments");
        }
        spec.put("fips", c.fips());
        return Json.MAPPER.writeValueAsString(root);
    }

    /** An OCI image layout with one gzip layer holding {@code rootDir}'s contents, built for amd64. */
    public static void writeOciLayout(Path rootDir, Path oci, Map<String, String> labels) {
        writeOciLayout(rootDir, oci, labels, "amd64");
    }

    /** {@link #writeOciLayout(Path, Path, Map)} for {@code architecture} (the config's GOARCH name). */
    public static void writeOciLayout(Path rootDir, Path oci, Map<String, String> labels, String architecture) {
        try {
            OciLayoutWriter w = new OciLayoutWriter(oci);
            OciLayoutWriter.Layer layer = w.writeLayer(out -> new TarPacker(EPOCH).pack(rootDir, ".", out, n -> true));
            w.writeImage("seed", layer, labels, EPOCH, architecture);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OCI layout " + oci, e);
        }
    }

    /**
     * An OCI layout whose image {@code seed} is a manifest list with one entry per architecture (each of the same
     * layer); push it with {@link SkopeoClient#copyAll}.
     */
    public static void writeOciManifestList(Path rootDir, Path oci, Map<String, String> labels,
                                            List<String> architectures) {
        try {
            OciLayoutWriter w = new OciLayoutWriter(oci);
            OciLayoutWriter.Layer layer = w.writeLayer(out -> new TarPacker(EPOCH).pack(rootDir, ".", out, n -> true));
            w.writeManifestList("seed", layer, labels, EPOCH, architectures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OCI layout " + oci, e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
