package dev.ibu.adapters.host.bench;

import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.precache.DiskUsage;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.precache.PrecacheWorkload;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.HostLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Precache of a realistic set (48 images over 4 shared bases and 8 shared runtime layers, 6 already present) into a
 * containers-storage (overlay, as on a node) from the loopback registry; figures only (run by {@code .ci/bench.d/20-precache.sh}):
 * <ul>
 *   <li><b>ours</b>: {@link PrecacheWorkload} as the precache job runs it (10 in flight, stored images skipped, pulls
 *       that need the same missing layer never together);
 *   <li><b>upstream</b>: lca-cli's precache workload: 10 workers, each image checked first (podman image exists: here
 *       {@code skopeo inspect containers-storage:}) and, when missing, pulled ({@code skopeo copy}, 5 attempts).
 * </ul>
 * Both start from a copy of the same storage holding the present images; rounds alternate which goes first, round 0
 * is cold. Bytes served come from the registry's access log and are set against the unique missing layer bytes.
 */
public final class PrecacheBench {

    private static final ProcessRunner RUN = ProcessRunner.local();
    private static final int CONCURRENCY = PrecacheSettings.DEFAULT_CONCURRENCY;
    /** The storage driver: overlay, as RHCOS uses (vfs copies every parent layer per image, which swamps the rest). */
    private static final String DRIVER = System.getProperty("bench.driver", "overlay");

    private PrecacheBench() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int rounds = Paired.rounds();
        Path base = Files.createTempDirectory(Path.of(System.getProperty("bench.tmp", "/var/tmp")), "ibu-bench-precache");
        try (LabRegistry registry = LabRegistry.start()) {
            SkopeoClient push = new SkopeoClient(RUN, HostLayout.forSysroot(base, base), Set.of(registry.host()), 0);
            List<ImageSet.Image> set = ImageSet.build(base.resolve("set"), registry.host(), push, images, 4, 16 << 20, 8,
                2 << 20, 128 << 10);
            List<String> refs = set.stream().map(ImageSet.Image::ref).toList();
            Set<Integer> presentIdx = Set.of(0, 4, 8, 12, 17, 21); // bases 0 and 1 and some runtimes present; bases 2 and 3 missing
            Path template = base.resolve("template");
            SkopeoClient t = storage(template, registry, DRIVER);
            Set<String> presentLayers = new HashSet<>();
            for (int i : presentIdx) {
                t.copy("docker://" + refs.get(i), "containers-storage:" + refs.get(i), Optional.empty());
                set.get(i).layers().forEach(l -> presentLayers.add(l.digest()));
            }
            Map<String, Long> missingLayers = new LinkedHashMap<>();
            for (int i = 0; i < set.size(); i++) {
                if (!presentIdx.contains(i)) {
                    set.get(i).layers().stream().filter(l -> !presentLayers.contains(l.digest()))
                        .forEach(l -> missingLayers.put(l.digest(), l.size()));
                }
            }
            long unique = missingLayers.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%d images (%d present), %d unique missing layers, %.1f MiB%n", set.size(),
                presentIdx.size(), missingLayers.size(), unique / 1048576.0);
            RegistryLog log = new RegistryLog(registry.logFile());
            Paired time = new Paired();
            List<String> bytesOurs = new ArrayList<>();
            List<String> bytesUp = new ArrayList<>();
            boolean allExact = true;
            for (int r = 0; r <= rounds; r++) {
                Map<String, Double> secs = new LinkedHashMap<>();
                Map<String, Long> served = new LinkedHashMap<>();
                for (int k = 0; k < 2; k++) {
                    String route = (r + k) % 2 == 0 ? "ours" : "upstream";
                    Path store = base.resolve(route + r);
                    RUN.runOk("cp", "-a", template.toString(), store.toString());
                    SkopeoClient sk = storage(store, registry, DRIVER);
                    RUN.runOk("sync");
                    int mark = log.mark();
                    long t0 = System.nanoTime();
                    if (route.equals("ours")) {
                        ours(sk, store, refs);
                    } else {
                        upstream(sk, refs);
                    }
                    secs.put(route, Paired.secs(System.nanoTime() - t0));
                    long layerBytes = 0;
                    Map<String, Integer> times = new LinkedHashMap<>();
                    for (RegistryLog.Served s : log.blobsSince(mark)) {
                        if (missingLayers.containsKey(s.digest()) || presentLayers.contains(s.digest())) {
                            layerBytes += s.bytes();
                            times.merge(s.digest(), 1, Integer::sum);
                        }
                    }
                    served.put(route, layerBytes);
                    if (route.equals("ours") && (layerBytes != unique || !times.keySet().equals(missingLayers.keySet()))) {
                        allExact = false;
                    }
                    unmountUnder(store);
                    LabSysroot.deleteTree(store);
                }
                time.add(r, secs.get("upstream") / secs.get("ours"));
                bytesOurs.add(String.format(Locale.ROOT, "%.2f", served.get("ours") / (double) unique));
                bytesUp.add(String.format(Locale.ROOT, "%.2f", served.get("upstream") / (double) unique));
                System.out.printf(Locale.ROOT, "round %d%s: ours %.2f s (%.1f MiB of layers served), upstream %.2f s (%.1f MiB); "
                        + "upstream/ours %.2fx%n", r, r == 0 ? " (cold)" : "", secs.get("ours"), served.get("ours") / 1048576.0,
                    secs.get("upstream"), served.get("upstream") / 1048576.0, secs.get("upstream") / secs.get("ours"));
            }
            System.out.println("per-round upstream/ours: " + time.perRound());
            String shape = String.format(Locale.ROOT, "%d images, %d present, %d in flight, %s, %d cores", set.size(),
                presentIdx.size(), CONCURRENCY, DRIVER, Runtime.getRuntime().availableProcessors());
            Paired.row("precache (" + shape + ") vs upstream shape", "10 concurrent pulls, present images skipped",
                time.figure(), ">= 1.5x", time.median() >= 1.5 ? "met" : "not met");
            Paired.row("precache: layer bytes served / unique missing layer bytes (" + String.format(Locale.ROOT, "%.1f MiB",
                    unique / 1048576.0) + ")", "registry access log; upstream shape: " + String.join(" ", bytesUp),
                "ours per round: " + String.join(" ", bytesOurs), "1.00 every round, each layer once",
                allExact ? "met" : "not met");
        } finally {
            unmountUnder(base);
            LabSysroot.deleteTree(base);
        }
    }

    /** containers-storage's overlay driver bind-mounts its home onto itself: undone before the directory goes. */
    static void unmountUnder(Path dir) throws java.io.IOException {
        String prefix = dir.toAbsolutePath() + "/";
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(prefix)) {
                mounts.add(f[1]);
            }
        }
        mounts.sort(java.util.Comparator.reverseOrder());
        for (String m : mounts) {
            RUN.run(List.of("umount", m));
        }
    }

    private static void ours(SkopeoClient sk, Path store, List<String> refs) throws InterruptedException {
        new PrecacheWorkload(new SkopeoImageStore(sk, store.resolve("graph"), DRIVER),
            new PrecacheSettings(store.resolve("precache_status.json"), Integer.getInteger("bench.oursConcurrency", CONCURRENCY), 5, Duration.ofSeconds(1), false, 0),
            DiskUsage.statfs(), Optional.of("amd64")).run(refs, Optional.empty(), p -> { }, false);
    }

    /** lca-cli's workload: 10 workers over the list, exists check then pull, 5 attempts without pause. */
    private static void upstream(SkopeoClient sk, List<String> refs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger failed = new AtomicInteger();
        for (String ref : refs) {
            pool.submit(() -> {
                if (sk.exists("containers-storage:" + ref)) {
                    return;
                }
                for (int a = 1; a <= 5; a++) {
                    try {
                        sk.copy("docker://" + ref, "containers-storage:" + ref, Optional.empty());
                        return;
                    } catch (HostCommandException e) {
                        if (a == 5) {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " images failed in the upstream route");
        }
    }

    public static SkopeoClient storage(Path dir, LabRegistry registry) throws Exception {
        return storage(dir, registry, "vfs");
    }

    /** A containers-storage in {@code dir} with {@code driver} (overlay as on a node; vfs where overlay cannot mount). */
    public static SkopeoClient storage(Path dir, LabRegistry registry, String driver) throws Exception {
        Files.createDirectories(dir);
        Path conf = dir.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"" + driver + "\"\nrunroot = \"" + dir.resolve("run") + "\"\ngraphroot = \""
            + dir.resolve("graph") + "\"\n");
        return new SkopeoClient(RUN, HostLayout.forSysroot(dir, dir), Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(10), 0);
    }
}
