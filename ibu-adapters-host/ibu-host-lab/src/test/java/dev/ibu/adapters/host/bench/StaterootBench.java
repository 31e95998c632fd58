package dev.ibu.adapters.host.bench;

import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedMetadata;
import dev.ibu.adapters.host.seed.SeedUnpacker;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A new stateroot from a seed in the loopback registry, three routes, interleaved (the order rotates every round),
 * round 0 cold and reported apart; figures only, nothing asserts (run by {@code .ci/bench.d/10-stateroot.sh}):
 * <ul>
 *   <li><b>ours</b>: {@link StaterootSetupJob} as Prep runs it (xattrs applied with setfattr, as HostAdapters wires it);
 *   <li><b>upstream</b>: lca-cli's route (host-and-image.md §3.4): pull and unpack the image (podman pull + image
 *       mount), {@code tar xzf ostree.tgz} with lca-cli's TAROPTS, {@code ostree pull-local}, os-init, deploy with the
 *       seed's kargs, origin copy, {@code tar xzf var.tgz} and {@code etc.tgz} with TAROPTS, etc.deletions;
 *   <li><b>floor</b>: the same pull, decompression of the seed's archives ({@code gzip -dc} of the layer and of the
 *       archives in it) and {@code cp -a} of the unpacked repo and var (unpacked once beforehand, outside the timer).
 * </ul>
 * Every route starts from the same pushed seed (the layer is in the page cache for all of them) and a fresh sysroot;
 * {@code sync} runs before each route, outside its time.
 * Args: sizes as {@code name:treeFiles:varFiles:fileSize} (default small:1000:1000:16384 large:4000:4000:16384).
 */
public final class StaterootBench {

    private static final String VERSION = "4.16.0";
    private static final String SR = "rhcos_" + VERSION;
    private static final ProcessRunner RUN = ProcessRunner.local();

    private StaterootBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sizes = args.length > 0 ? List.of(args) : List.of("small:1000:1000:16384", "large:4000:4000:16384");
        int rounds = Paired.rounds();
        Path base = Files.createTempDirectory(Path.of(System.getProperty("bench.tmp", "/var/tmp")), "ibu-bench-stateroot");
        try (LabRegistry registry = LabRegistry.start()) {
            for (String size : sizes) {
                String[] s = size.split(":");
                measure(base.resolve(s[0]), registry, s[0], Integer.parseInt(s[1]), Integer.parseInt(s[2]),
                    Integer.parseInt(s[3]), rounds);
            }
        } finally {
            LabSysroot.deleteTree(base);
        }
    }

    private static void measure(Path dir, LabRegistry registry, String name, int treeFiles, int varFiles, int fileSize,
                                int rounds) throws Exception {
        SkopeoClient push = new SkopeoClient(RUN, HostLayout.forSysroot(dir.resolve("none"), dir.resolve("w")),
            Set.of(registry.host()), 0);
        String ref = registry.host() + "/bench/seed-" + name + ":" + VERSION;
        Path backup = LabelledSeed.build(dir.resolve("seed"), VERSION, treeFiles, varFiles, fileSize, push, ref);
        Path floorSrc = Files.createDirectories(dir.resolve("floor-src"));
        Files.createDirectories(floorSrc.resolve("ostree"));
        untar(backup.resolve("ostree.tgz"), floorSrc.resolve("ostree"));
        untar(backup.resolve("var.tgz"), floorSrc);
        long layer = Files.size(SeedUnpacker.layers(pull(registry, ref, dir.resolve("probe"))).get(0));
        LabSysroot.deleteTree(dir.resolve("probe"));
        LabSysroot.deleteTree(dir.resolve("seed"));
        System.out.printf(Locale.ROOT, "%s seed: %d commit files + %d var files of %d B, every one labelled; layer %.1f MiB%n",
            name, treeFiles, varFiles, fileSize, layer / 1048576.0);
        Paired vsUpstream = new Paired();
        Paired vsFloor = new Paired();
        Paired ceiling = new Paired(); // upstream/floor: what no route can beat upstream by
        for (int r = 0; r <= rounds; r++) {
            Map<String, Double> t = new LinkedHashMap<>();
            for (int k = 0; k < 3; k++) {
                String route = List.of("ours", "upstream", "floor").get((r + k) % 3);
                Path d = dir.resolve(route + r);
                RUN.runOk("sync");
                double secs = switch (route) {
                    case "ours" -> ours(d, registry, ref);
                    case "upstream" -> upstream(d, registry, ref);
                    default -> floor(d, registry, ref, floorSrc);
                };
                t.put(route, secs);
                LabSysroot.deleteTree(d);
            }
            vsUpstream.add(r, t.get("upstream") / t.get("ours"));
            vsFloor.add(r, t.get("ours") / t.get("floor"));
            ceiling.add(r, t.get("upstream") / t.get("floor"));
            System.out.printf(Locale.ROOT, "%s round %d%s: ours %.2f s, upstream %.2f s, floor %.2f s; upstream/ours %.2fx, "
                + "ours/floor %.2fx%n", name, r, r == 0 ? " (cold)" : "", t.get("ours"), t.get("upstream"), t.get("floor"),
                t.get("upstream") / t.get("ours"), t.get("ours") / t.get("floor"));
        }
        System.out.printf("%s per-round upstream/ours: %s; ours/floor: %s; upstream/floor: %s%n", name, vsUpstream.perRound(),
            vsFloor.perRound(), ceiling.perRound());
        String seed = String.format(Locale.ROOT, "%d+%d files, %.0f MiB layer", treeFiles, varFiles, layer / 1048576.0);
        Paired.row("stateroot from seed (" + name + ": " + seed + ") vs upstream route",
            "tar xzf + ostree CLI (lca-cli route, TAROPTS)", vsUpstream.figure()
                + String.format(Locale.ROOT, "; upstream/floor %.2fx median", ceiling.median()), ">= 1.5x",
            vsUpstream.median() >= 1.5 ? "met" : ceiling.median() < 1.5 ? String.format(Locale.ROOT, "floor: the upstream "
                + "route itself takes only %.2fx the floor (median upstream/floor), so no route can be 1.5x faster than it "
                + "here (creating the files dominates both)", ceiling.median()) : "not met");
        Paired.row("stateroot from seed (" + name + ") vs physical floor (ours/floor, lower is better)",
            "pull + gzip -dc + cp -a of the unpacked tree", vsFloor.figure(), "<= 1.3x",
            vsFloor.median() <= 1.3 ? "met" : "not met");
    }

    static double ours(Path dir, LabRegistry registry, String ref) throws Exception {
        LabSysroot sys = new LabSysroot(dir);
        sys.installOriginal("rhcos");
        HostLayout layout = sys.layout();
        Files.createDirectories(layout.workRoot());
        OstreeCli ostree = new OstreeCli(RUN, layout);
        SkopeoClient skopeo = new SkopeoClient(RUN, layout, Set.of(registry.host()), 0);
        StaterootSetupJob job = new StaterootSetupJob(ostree, skopeo, layout, ExtractionLimits.SEED_DEFAULT, Optional.of(RUN));
        Map<String, Long> marks = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        job.run(new StaterootSetup(SR, VERSION, ref, Option.none(), new AutoRollbackConfig(true, 1800, true, true)),
            p -> marks.put(p.split(" ")[0], System.nanoTime()));
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  ours     %.2f s: pull %.2f, unpack %.2f (deploy from %.2f on), etc+rest %.2f%n",
            Paired.secs(end - t0), Paired.secs(marks.get("unpacking") - t0),
            Paired.secs(marks.getOrDefault("deploying", end) - marks.get("unpacking")),
            Paired.secs(marks.getOrDefault("deploying", end) - t0), Paired.secs(end - marks.get("unpacking")));
        return Paired.secs(end - t0);
    }

    static double upstream(Path dir, LabRegistry registry, String ref) throws Exception {
        LabSysroot sys = new LabSysroot(dir);
        sys.installOriginal("rhcos");
        String s = "--sysroot=" + sys.path();
        long t0 = System.nanoTime();
        Path image = pull(registry, ref, dir.resolve("image")); // podman pull + image mount: the layer unpacked on disk
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        for (Path blob : SeedUnpacker.layers(image)) {
            RUN.runOk("tar", "xzf", blob.toString(), "-C", mnt.toString());
        }
        long pulled = System.nanoTime();
        Path ws = Files.createDirectories(dir.resolve("ws/ostree"));
        untar(mnt.resolve("ostree.tgz"), ws);
        long repo = System.nanoTime();
        SeedMetadata seed = SeedMetadata.read(mnt);
        RUN.runOk("ostree", "pull-local", "--repo=" + sys.repo(), ws.toString());
        RUN.runOk("ostree", "admin", "os-init", s, SR);
        List<String> deploy = new ArrayList<>(List.of("ostree", "admin", "deploy", s, "--os=" + SR, "--no-prune"));
        seed.kernelArguments().forEach(k -> deploy.add("--karg-append=" + k));
        deploy.addAll(List.of("--karg=ibu=" + VERSION, seed.commit(), "--not-as-default"));
        RUN.runOk(deploy);
        long deployed = System.nanoTime();
        OstreeDeployment d = new OstreeCli(RUN, sys.layout()).status().stream().filter(x -> x.osname().equals(SR))
            .findFirst().orElseThrow();
        Path dd = sys.path().resolve("ostree/deploy/" + SR + "/deploy/" + d.deploymentName());
        Files.copy(mnt.resolve("ostree-" + seed.deployment() + ".origin"), Path.of(dd + ".origin"),
            StandardCopyOption.REPLACE_EXISTING);
        untar(mnt.resolve("var.tgz"), sys.path().resolve("ostree/deploy/" + SR));
        untar(mnt.resolve("etc.tgz"), dd);
        for (String line : Files.readAllLines(mnt.resolve("etc.deletions"))) {
            if (!line.isBlank()) {
                Files.deleteIfExists(dd.resolve(line.strip().substring(1)));
            }
        }
        long etc = System.nanoTime();
        RUN.runOk("rm", "-rf", dir.resolve("ws").toString(), image.toString(), mnt.toString());
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  upstream %.2f s: pull+layer untar %.2f, ostree.tgz %.2f, pull-local+deploy %.2f, "
            + "var+etc %.2f, rm %.2f%n", Paired.secs(end - t0), Paired.secs(pulled - t0), Paired.secs(repo - pulled),
            Paired.secs(deployed - repo), Paired.secs(etc - deployed), Paired.secs(end - etc));
        return Paired.secs(end - t0);
    }

    static double floor(Path dir, LabRegistry registry, String ref, Path unpacked) throws Exception {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Path image = pull(registry, ref, dir.resolve("image"));
        long pulled = System.nanoTime();
        for (Path blob : SeedUnpacker.layers(image)) { // the layer, then the archives it holds (concatenated gzip members)
            RUN.runOk("sh", "-c", "gzip -dc \"$1\" | tar -xOf - --wildcards '*ostree.tgz' '*var.tgz' '*etc.tgz' | gzip -dc > /dev/null",
                "sh", blob.toString());
        }
        long inflated = System.nanoTime();
        RUN.runOk("cp", "-a", unpacked.toString(), dir.resolve("tree").toString());
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  floor    %.2f s: pull %.2f, decompression %.2f, cp -a %.2f%n", Paired.secs(end - t0),
            Paired.secs(pulled - t0), Paired.secs(inflated - pulled), Paired.secs(end - inflated));
        return Paired.secs(end - t0);
    }

    private static Path pull(LabRegistry registry, String ref, Path dir) {
        new SkopeoClient(RUN, HostLayout.forSysroot(dir, dir), Set.of(registry.host()), 0).pullToDir(ref, dir, Optional.empty());
        return dir;
    }

    private static void untar(Path tgz, Path into) {
        List<String> argv = new ArrayList<>(List.of("tar", "xzf", tgz.toString(), "-C", into.toString()));
        argv.addAll(LabelledSeed.TAROPTS);
        RUN.runOk(argv);
    }
}
