package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.precache.DiskUsage;
import dev.ibu.adapters.host.precache.ImageStore;
import dev.ibu.adapters.host.precache.NodeRuntime;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.NodeArchitecture;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.ports.contract.PrecachePortContractTest;
import dev.ibu.ports.out.PrecachePort;
import io.vavr.collection.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The shared PrecachePort contract: real registry, real containers-storage (vfs) in a temp dir, skopeo. */
class PrecacheAdapterContractIT extends PrecachePortContractTest {

    static SharedSeed seed;
    static String foreign;
    private final java.util.List<HostJobs> opened = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry");
        seed = new SharedSeed("precache-contract", 3);
        foreign = seed.pushManifestListWithoutNodeArchitecture("foreign");
    }

    @AfterAll
    static void stop() throws Exception {
        if (seed != null) {
            seed.close();
        }
    }

    @AfterEach
    void closeJobs() {
        opened.forEach(HostJobs::close);
    }

    @Override
    protected Fixture newFixture() {
        try {
            Path dir = Files.createTempDirectory(seed.base, "precache");
            HostLayout layout = HostLayout.forSysroot(dir.resolve("sysroot"), Files.createDirectories(dir.resolve("work")));
            String sr = "rhcos_" + SharedSeed.VERSION;
            // what the stateroot setup leaves in the new stateroot: the seed's containers.list
            AtomicFiles.write(layout.staterootVar(sr).resolve(StaterootSetupJob.CONTAINERS_LIST),
                String.join("\n", seed.appImages.subList(0, 2)));
            Path storage = dir.resolve("storage");
            Path conf = Files.createDirectories(storage).resolve("storage.conf");
            Files.writeString(conf, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + storage.resolve("run")
                + "\"\ngraphroot = \"" + storage.resolve("graph") + "\"\n");
            CountingStore store = new CountingStore(new SkopeoImageStore(seed.skopeo(layout)
                .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(2), 0), storage.resolve("graph"), "vfs"));
            PrecacheSettings settings = new PrecacheSettings(dir.resolve("workspace/precache_status.json"), 10, 2,
                Duration.ofMillis(10), false, 0);
            // the runtimes use no image; the storage looks empty, so no cleanup runs
            NodeRuntime node = new NodeRuntime(() -> Set.of(), new DiskUsage() {
                @Override
                public int usedPercent(Path d) {
                    return 0;
                }

                @Override
                public long freeBytes(Path d) {
                    return DiskUsage.statfs().freeBytes(d);
                }
            }, NodeArchitecture.fromHost(ProcessRunner.local()));
            java.util.function.Supplier<PrecacheAdapter> newAgent = () -> {
                HostJobs jobs = new HostJobs(layout.workRoot(), "precache");
                opened.add(0, jobs);
                return new PrecacheAdapter(layout, store, settings, jobs, node, Optional.empty());
            };
            PrecacheAdapter adapter = newAgent.get();
            return new Fixture() {
                @Override
                public PrecachePort port() {
                    return adapter;
                }

                @Override
                public List<String> seedImages() {
                    return List.ofAll(seed.appImages.subList(0, 2));
                }

                @Override
                public PrecachePort restartAgent() {
                    opened.get(0).stopRunners(); // as a kill stops them: nothing more is recorded
                    return newAgent.get();
                }

                @Override
                public boolean stored(String image) {
                    return store.exists(image);
                }

                @Override
                public int pulls(String image) {
                    return store.pulls.getOrDefault(image, 0);
                }

                @Override
                public io.vavr.control.Option<String> imageThatFails() {
                    return io.vavr.control.Option.some(seed.registry.host() + "/lab/missing:1");
                }

                @Override
                public io.vavr.control.Option<String> imageWithoutNodeArchitecture() {
                    return io.vavr.control.Option.some(foreign);
                }

                @Override
                public String stateroot() {
                    return sr;
                }

                @Override
                public List<String> extraImages() {
                    return List.of(seed.appImages.get(2));
                }

                @Override
                public void advance() {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public int rounds() {
                    return 600;
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the precache fixture: " + e.getMessage(), e);
        }
    }

    /** The real store, counting the pulls the adapter asks for. */
    static final class CountingStore implements ImageStore {
        final java.util.Map<String, Integer> pulls = new java.util.concurrent.ConcurrentHashMap<>();
        private final ImageStore real;

        CountingStore(ImageStore real) {
            this.real = real;
        }

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
        public Optional<java.util.List<String>> manifestListArchitectures(String ref, Optional<Path> authFile) {
            return real.manifestListArchitectures(ref, authFile);
        }

        @Override
        public java.util.List<StoredImage> list() {
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
