package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.bench.ImageSet;
import dev.ibu.adapters.host.bench.PrecacheBench;
import dev.ibu.adapters.host.bench.RegistryLog;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.testing.RequireHostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A precache killed halfway (its JVM and its skopeo processes, SIGKILL) and started again, as a resumed job is: the
 * second run pulls only the images the storage does not hold, and the registry serves only the layers the storage does
 * not hold, each once (counted from the registry's access log).
 */
class PrecacheKilledHalfwayIT {

    @Test
    void a_restarted_precache_pulls_only_what_is_still_missing() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry");
        Path base = Files.createTempDirectory("precache-killed");
        try (LabRegistry registry = LabRegistry.start()) {
            SkopeoClient push = new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base, base),
                Set.of(registry.host()), 0);
            List<ImageSet.Image> set = ImageSet.build(base.resolve("set"), registry.host(), push, 16, 2, 1 << 20, 3,
                256 << 10, 32 << 10);
            List<String> refs = set.stream().map(ImageSet.Image::ref).toList();
            Path store = base.resolve("store");
            PrecacheBench.storage(store, registry);

            List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), PrecacheChild.class.getName(), store.toString(), registry.host(), "2"));
            argv.addAll(refs);
            Process child = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(base.resolve("child.log").toFile()).start();
            Path status = store.resolve("precache_status.json");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (pulled(status) < 5 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
            child.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            child.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                h.onExit().get(30, TimeUnit.SECONDS);
            }
            assertThat(pulled(status)).as("the first run was killed halfway (log: %s)", Files.readString(base.resolve("child.log")))
                .isBetween(5, refs.size() - 1);

            SkopeoClient sk = PrecacheBench.storage(store, registry);
            SkopeoImageStore real = new SkopeoImageStore(sk, store.resolve("graph"), "vfs");
            Set<String> storedImages = new HashSet<>();
            real.list().forEach(i -> storedImages.addAll(i.names()));
            Set<String> storedLayers = completeLayers(store.resolve("graph/vfs-layers/layers.json"));
            Set<String> stillMissingImages = new HashSet<>(refs);
            stillMissingImages.removeAll(storedImages);
            Map<String, Long> stillMissingLayers = new LinkedHashMap<>();
            for (ImageSet.Image i : set) {
                if (stillMissingImages.contains(i.ref())) {
                    i.layers().stream().filter(l -> !storedLayers.contains(l.digest()))
                        .forEach(l -> stillMissingLayers.put(l.digest(), l.size()));
                }
            }
            assertThat(stillMissingImages).isNotEmpty();

            RegistryLog log = new RegistryLog(registry.logFile());
            int mark = log.mark();
            Map<String, Integer> pulls = new ConcurrentHashMap<>();
            ImageStore counting = new Counting(real, pulls);
            new PrecacheWorkload(counting, new PrecacheSettings(status, 10, 5, Duration.ofMillis(100), false, 0),
                DiskUsage.statfs(), Optional.of("amd64")).run(refs, Optional.empty(), p -> { }, true);

            assertThat(pulls.keySet()).as("only the images the storage did not hold are pulled")
                .containsExactlyInAnyOrderElementsOf(stillMissingImages);
            assertThat(pulls.values()).allMatch(n -> n == 1);
            Map<String, Integer> served = new LinkedHashMap<>();
            Set<String> layerDigests = new HashSet<>();
            set.forEach(i -> i.layers().forEach(l -> layerDigests.add(l.digest())));
            for (RegistryLog.Served s : log.blobsSince(mark)) {
                if (layerDigests.contains(s.digest())) {
                    served.merge(s.digest(), 1, Integer::sum);
                }
            }
            assertThat(served.keySet()).as("the registry serves the layers still missing, no other")
                .containsExactlyInAnyOrderElementsOf(stillMissingLayers.keySet());
            assertThat(served.values()).as("each missing layer once").allMatch(n -> n == 1);
            assertThat(ProgressFile.read(status).orElseThrow().pulled()).isEqualTo(refs.size());
            Set<String> after = new HashSet<>();
            real.list().forEach(i -> after.addAll(i.names()));
            assertThat(after).containsAll(refs);
        } finally {
            LabSysroot.deleteTree(base);
        }
    }

    private static int pulled(Path status) {
        try {
            return ProgressFile.read(status).map(p -> p.pulled()).orElse(0);
        } catch (RuntimeException torn) {
            return 0; // read while being replaced
        }
    }

    /** The compressed digests of the layers containers-storage holds complete (a killed pull leaves incomplete ones). */
    private static Set<String> completeLayers(Path layersJson) throws Exception {
        Set<String> out = new HashSet<>();
        if (!Files.exists(layersJson)) {
            return out;
        }
        for (JsonNode l : Json.MAPPER.readTree(Files.readString(layersJson))) {
            if (!l.path("flags").path("incomplete").asBoolean(false) && !l.path("compressed-diff-digest").isMissingNode()) {
                out.add(l.path("compressed-diff-digest").asString());
            }
        }
        return out;
    }

    /** The real store, counting the pulls asked for. */
    private record Counting(ImageStore real, Map<String, Integer> pulls) implements ImageStore {
        @Override
        public void pull(String ref, Optional<Path> authFile) {
            pulls.merge(ref, 1, Integer::sum);
            real.pull(ref, authFile);
        }

        @Override
        public boolean exists(String ref) {
            return real.exists(ref);
        }

        @Override
        public Optional<List<String>> manifestListArchitectures(String ref, Optional<Path> authFile) {
            return real.manifestListArchitectures(ref, authFile);
        }

        @Override
        public RemoteManifest remoteManifest(String ref, Optional<Path> authFile) {
            return real.remoteManifest(ref, authFile);
        }

        @Override
        public List<StoredImage> list() {
            return real.list();
        }

        @Override
        public void remove(StoredImage image) {
            real.remove(image);
        }

        @Override
        public Path storageDir() {
            return real.storageDir();
        }
    }
}
