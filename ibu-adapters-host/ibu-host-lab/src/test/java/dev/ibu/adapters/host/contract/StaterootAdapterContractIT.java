package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.lab.FakeBoot;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.contract.StaterootPortContractTest;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The shared StaterootPort contract on a real, fake-booted ostree sysroot with a seed from a real registry. */
class StaterootAdapterContractIT extends StaterootPortContractTest {

    static SharedSeed seed;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        RequireHostTools.requireOstree();
        seed = new SharedSeed("stateroot-contract", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (seed != null) {
            seed.close();
        }
    }

    @AfterEach
    void closeHost() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Override
    protected Fixture newFixture() {
        try {
            Path base = Files.createTempDirectory(seed.base, "host");
            LabSysroot sys = new LabSysroot(base);
            sys.installOriginal("rhcos");
            Path work = Files.createDirectories(base.resolve("work"));
            FakeBoot boot = new FakeBoot(sys.path(), work, "rhcos");
            HostLayout layout = boot.layout();
            ProcessRunner runner = boot.runner();
            OstreeCli ostree = new OstreeCli(runner, layout);
            opened.add(sys);
            java.util.function.Supplier<StaterootAdapter> newAgent = () -> {
                HostJobs jobs = new HostJobs(work, "stateroot-setup");
                opened.add(0, jobs);
                return new StaterootAdapter(ostree, runner, layout,
                    new StaterootSetupJob(ostree, seed.skopeo(layout), layout, ExtractionLimits.SEED_DEFAULT), jobs);
            };
            StaterootAdapter adapter = newAgent.get();
            return new Fixture() {
                @Override
                public StaterootPort port() {
                    return adapter;
                }

                @Override
                public StaterootPort restartAgent() {
                    // the old agent's runners stop as a kill stops them: nothing more is recorded
                    ((HostJobs) opened.get(0)).stopRunners();
                    return newAgent.get();
                }

                @Override
                public io.vavr.collection.Set<String> staterootDirectories() {
                    try (var dirs = Files.list(sys.path().resolve("ostree/deploy"))) {
                        return io.vavr.collection.HashSet.ofAll(dirs.map(d -> d.getFileName().toString()).toList());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public StaterootSetup setupThatSucceeds() {
                    return setup(SharedSeed.VERSION);
                }

                @Override
                public Option<StaterootSetup> setupThatFails() {
                    return Option.some(setup("4.17.0"));
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
            throw new IllegalStateException("cannot build the test host: " + e.getMessage(), e);
        }
    }

    private static StaterootSetup setup(String version) {
        return new StaterootSetup("rhcos_" + version, version, seed.seedRef, Option.none(),
            new AutoRollbackConfig(true, 1800, true, true));
    }
}
