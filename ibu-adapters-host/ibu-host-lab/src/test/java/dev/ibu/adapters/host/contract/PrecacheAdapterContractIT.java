package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
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
    private final java.util.List<HostJobs> opened = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry");
        seed = new SharedSeed("precache-contract", 3);
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
            SkopeoImageStore store = new SkopeoImageStore(seed.skopeo(layout)
                .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(2), 0), storage.resolve("graph"), "vfs");
            PrecacheSettings settings = new PrecacheSettings(dir.resolve("workspace/precache_status.json"), 10, 2,
                Duration.ofMillis(10), false, 100, 0);
            HostJobs jobs = new HostJobs(layout.workRoot(), "precache");
            opened.add(jobs);
            PrecacheAdapter adapter = new PrecacheAdapter(layout, store, settings, jobs, Set::of, Optional.empty());
            return new Fixture() {
                @Override
                public PrecachePort port() {
                    return adapter;
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
}
