package dev.ibu.adapters.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wiring the agent uses, in local mode: build a seed, make a stateroot from it, precache its images. */
class HostAdaptersIT {

    @Test
    void local_mode_end_to_end() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        Path base = Files.createTempDirectory("host-adapters-it");
        try (LabRegistry registry = LabRegistry.start(); LabSysroot sys = new LabSysroot(base.resolve("host"))) {
            sys.installOriginal("rhcos");
            HostAdapterConfig cfg = HostAdapterConfig.local(sys.path(), base.resolve("work"), Set.of(registry.host()));
            try (HostAdapters host = new HostAdapters(cfg)) {
                Path app = Files.createDirectories(base.resolve("app"));
                Files.writeString(app.resolve("payload"), "app");
                dev.ibu.adapters.host.seed.SeedImageBuilder.writeOciLayout(app, base.resolve("app-oci"), Map.of());
                String appRef = registry.host() + "/lab/app:1";
                new dev.ibu.adapters.host.seed.SkopeoClient(dev.ibu.adapters.host.process.ProcessRunner.local(), cfg.layout(),
                    Set.of(registry.host()), 0).copy("oci:" + base.resolve("app-oci") + ":seed", "docker://" + appRef,
                    Optional.empty());
                String seed = registry.host() + "/lab/seed:4.16.0";
                host.seedImageBuilder().buildAndPush(SeedFixture.create(base.resolve("seed"), "4.16.0",
                    java.util.List.of(appRef), 2), seed, Optional.empty(), base.resolve("build"));

                assertThat(host.seedImages().inspect(seed, Option.none()).get().formatVersion()).contains("4");
                host.stateroots().startSetup(new StaterootSetup("rhcos_4.16.0", "4.16.0", seed, Option.none(),
                    new AutoRollbackConfig(true, 1800, true, true))).get();
                JobState setup = host.stateroots().setupState("rhcos_4.16.0").get();
                for (int i = 0; i < 600 && setup instanceof JobState.Running; i++) {
                    Thread.sleep(100);
                    setup = host.stateroots().setupState("rhcos_4.16.0").get();
                }
                assertThat(setup).isEqualTo(new JobState.Succeeded());

                host.precache().start("rhcos_4.16.0", List.empty(), Option.none()).get();
                PrecacheStatus p = host.precache().status().get();
                for (int i = 0; i < 600 && p.state() instanceof JobState.Running; i++) {
                    Thread.sleep(100);
                    p = host.precache().status().get();
                }
                assertThat(p.state()).isEqualTo(new JobState.Succeeded());
                assertThat(p.progress().get().message()).isEqualTo("total: 1 (pulled: 1, failed: 0)");
                assertThat(host.stateStore().loadIbu("rhcos_4.16.0").get()).isEmpty();
                assertThat(host.certificates().earliestKubeletExpiry("rhcos_4.16.0").get()).isEmpty();
            }
        } finally {
            LabSysroot.deleteTree(base);
        }
    }
}
