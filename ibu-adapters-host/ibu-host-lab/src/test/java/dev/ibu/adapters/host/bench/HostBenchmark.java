package dev.ibu.adapters.host.bench;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.precache.PrecacheWorkload;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedContent;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SeedMetadata;
import dev.ibu.adapters.host.seed.SeedUnpacker;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Prints figures, asserts nothing (run with bench/run-benchmark.sh):
 * 1. a new stateroot from a seed in a registry: our route (pull to dir:, one streaming pass of the layer
 *    into the workspace repo and the stateroot's var, then pull-local/deploy) against the upstream route
 *    (pull, tar xzf the layer, tar xzf ostree.tgz, ostree CLI, tar xzf var.tgz and etc.tgz, sequentially),
 *    same seed, same machine, alternating runs;
 * 2. precache of N images with our workload (10 in flight) against sequential skopeo copy.
 * Args: [treeFiles] [varFiles] [fileSize] [images] [imageBytes] [rounds]
 */
public final class HostBenchmark {

    private static final String VERSION = "4.16.0";
    private static final String SR = "rhcos_" + VERSION;
    private static final List<String> TAROPTS = List.of("--selinux", "--xattrs", "--xattrs-include=*", "--acls");

    private HostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int treeFiles = arg(args, 0, 3000);
        int varFiles = arg(args, 1, 3000);
        int fileSize = arg(args, 2, 16384);
        int images = arg(args, 3, 20);
        int imageBytes = arg(args, 4, 2 << 20);
        int rounds = arg(args, 5, 2);
        Path base = Files.createTempDirectory("ibu-bench");
        try (LabRegistry registry = LabRegistry.start()) {
            HostLayout buildLayout = HostLayout.forSysroot(base.resolve("none"), base.resolve("build-work"));
            SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), buildLayout, Set.of(registry.host()), 0);
            SeedContent content = SeedFixture.create(base.resolve("seed"), VERSION, List.of(), varFiles, treeFiles, fileSize);
            String seedRef = registry.host() + "/bench/seed:" + VERSION;
            new SeedImageBuilder(skopeo).buildAndPush(content, seedRef, Optional.empty(), base.resolve("build"));
            long layer = Files.size(SeedUnpacker.layers(pull(skopeo, seedRef, base.resolve("warm"))).get(0));
            System.out.printf("seed: %d commit files + %d var files of %d B; layer %.1f MiB compressed%n",
                treeFiles, varFiles, fileSize, layer / 1048576.0);
            List<Double> ours = new ArrayList<>();
            List<Double> upstream = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ours.add(ourRoute(base.resolve("ours" + r), registry, seedRef));
                upstream.add(upstreamRoute(base.resolve("up" + r), registry, seedRef));
            }
            double o = min(ours);
            double u = min(upstream);
            System.out.printf("stateroot from seed: ours %s s, upstream route %s s (best of %d each); upstream/ours = %.2f%n",
                ours, upstream, rounds, u / o);
            LabSysroot.deleteTree(base.resolve("seed"));
            precache(base, registry, images, imageBytes);
        } finally {
            LabSysroot.deleteTree(base);
        }
    }

    private static double ourRoute(Path dir, LabRegistry registry, String seedRef) throws Exception {
        LabSysroot sys = new LabSysroot(dir);
        sys.installOriginal("rhcos");
        HostLayout layout = sys.layout();
        Files.createDirectories(layout.workRoot());
        OstreeCli ostree = new OstreeCli(ProcessRunner.local(), layout);
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0);
        StaterootSetupJob job = new StaterootSetupJob(ostree, skopeo, layout, ExtractionLimits.SEED_DEFAULT);
        Map<String, Long> marks = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        job.run(new StaterootSetup(SR, VERSION, seedRef, Option.none(), new AutoRollbackConfig(true, 1800, true, true)),
            p -> marks.put(p.split(" ")[0], System.nanoTime()));
        double total = secs(System.nanoTime() - t0);
        System.out.printf("  ours:     %.2f s (pull %.2f; unpack, overlapped from %.2f s on with pull-local+deploy, and etc %.2f)%n",
            total, secs(marks.get("unpacking") - t0), secs(marks.get("deploying") - t0), total - secs(marks.get("unpacking") - t0));
        sys.close();
        return round(total);
    }

    private static double upstreamRoute(Path dir, LabRegistry registry, String seedRef) throws Exception {
        LabSysroot sys = new LabSysroot(dir);
        sys.installOriginal("rhcos");
        ProcessRunner run = ProcessRunner.local();
        String s = "--sysroot=" + sys.path();
        SkopeoClient skopeo = new SkopeoClient(run, sys.layout(), Set.of(registry.host()), 0);
        long t0 = System.nanoTime();
        // podman pull + image mount: the layer ends up unpacked on disk
        Path image = pull(skopeo, seedRef, dir.resolve("image"));
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        for (Path blob : SeedUnpacker.layers(image)) {
            run.runOk("tar", "xzf", blob.toString(), "-C", mnt.toString());
        }
        long pulled = System.nanoTime();
        Path ws = Files.createDirectories(dir.resolve("ws/ostree"));
        run.runOk(with(List.of("tar", "xzf", mnt.resolve("ostree.tgz").toString(), "-C", ws.toString()), TAROPTS));
        SeedMetadata seed = SeedMetadata.read(mnt);
        run.runOk("ostree", "pull-local", "--repo=" + sys.repo(), ws.toString());
        run.runOk("ostree", "admin", "os-init", s, SR);
        List<String> deploy = new ArrayList<>(List.of("ostree", "admin", "deploy", s, "--os=" + SR, "--no-prune"));
        seed.kernelArguments().forEach(k -> deploy.add("--karg-append=" + k));
        deploy.addAll(List.of("--karg=ibu=" + VERSION, seed.commit(), "--not-as-default"));
        run.runOk(deploy);
        OstreeDeployment d = new OstreeCli(run, sys.layout()).status().stream().filter(x -> x.osname().equals(SR)).findFirst()
            .orElseThrow();
        Path dd = sys.path().resolve("ostree/deploy/" + SR + "/deploy/" + d.deploymentName());
        Files.copy(mnt.resolve("ostree-" + seed.deployment() + ".origin"), Path.of(dd + ".origin"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        run.runOk(with(List.of("tar", "xzf", mnt.resolve("var.tgz").toString(), "-C", sys.path().resolve("ostree/deploy/" + SR)
            .toString()), TAROPTS));
        run.runOk(with(List.of("tar", "xzf", mnt.resolve("etc.tgz").toString(), "-C", dd.toString()), TAROPTS));
        for (String line : Files.readAllLines(mnt.resolve("etc.deletions"))) {
            if (!line.isBlank()) {
                Files.deleteIfExists(dd.resolve(line.strip().substring(1)));
            }
        }
        run.runOk("rm", "-rf", dir.resolve("ws").toString(), image.toString(), mnt.toString());
        double total = secs(System.nanoTime() - t0);
        System.out.printf("  upstream: %.2f s (pull+layer untar %.2f, rest %.2f)%n", total, secs(pulled - t0),
            total - secs(pulled - t0));
        sys.close();
        return round(total);
    }

    private static void precache(Path base, LabRegistry registry, int n, int bytes) throws Exception {
        SkopeoClient push = new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base, base), Set.of(registry.host()), 0);
        List<String> refs = new ArrayList<>();
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            Path root = Files.createDirectories(base.resolve("img/" + i));
            byte[] data = new byte[bytes];
            rnd.nextBytes(data);
            Files.write(root.resolve("payload"), data);
            SeedImageBuilder.writeOciLayout(root, base.resolve("img/" + i + "-oci"), Map.of());
            String ref = registry.host() + "/bench/app" + i + ":1";
            push.copy("oci:" + base.resolve("img/" + i + "-oci") + ":seed", "docker://" + ref, Optional.empty());
            refs.add(ref);
        }
        SkopeoClient ours = storage(base.resolve("store-ours"), registry);
        long t0 = System.nanoTime();
        new PrecacheWorkload(new SkopeoImageStore(ours, base.resolve("store-ours/graph"), "vfs"),
            new PrecacheSettings(base.resolve("precache_status.json"), PrecacheSettings.DEFAULT_CONCURRENCY, 5,
                Duration.ofSeconds(1), false, 0)).run(refs, Optional.empty(), p -> { });
        double o = secs(System.nanoTime() - t0);
        SkopeoClient seq = storage(base.resolve("store-seq"), registry);
        t0 = System.nanoTime();
        for (String ref : refs) {
            seq.copy("docker://" + ref, "containers-storage:" + ref, Optional.empty());
        }
        double s = secs(System.nanoTime() - t0);
        System.out.printf("precache of %d images x %.1f MiB: ours (%d in flight) %.2f s, sequential skopeo copy %.2f s; "
            + "sequential/ours = %.2f (%d cores)%n", n, bytes / 1048576.0, PrecacheSettings.DEFAULT_CONCURRENCY, o, s, s / o,
            Runtime.getRuntime().availableProcessors());
    }

    private static SkopeoClient storage(Path dir, LabRegistry registry) throws Exception {
        Files.createDirectories(dir);
        Path conf = dir.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + dir.resolve("run") + "\"\ngraphroot = \""
            + dir.resolve("graph") + "\"\n");
        return new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(dir, dir), Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(10), 0);
    }

    private static Path pull(SkopeoClient skopeo, String ref, Path dir) {
        skopeo.pullToDir(ref, dir, Optional.empty());
        return dir;
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double s) {
        return Math.round(s * 100) / 100.0;
    }

    private static double min(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
