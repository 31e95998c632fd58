package dev.ibu.adapters.host;

import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.support.HostJobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.reboot.InitMonitor;
import dev.ibu.adapters.host.reboot.RebootAdapter;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.state.StateStoreAdapter;
import dev.ibu.adapters.host.lab.FakeBoot;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.testing.TestIbus;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole host side on a fake-booted sysroot, with every ostree command run as on a node (no
 * --sysroot): Prep's stateroot from a real seed in a real registry, pivot, rollback, pivot again,
 * finalize; and the init monitor's automatic rollback.
 */
class PivotLifecycleIT {

    private static final String NEW = "rhcos_4.16.0";
    private LabRegistry registry;
    private Path base;
    private FakeBoot host;
    private StaterootAdapter stateroots;
    private StateStoreAdapter store;
    private RebootAdapter reboot;
    private HostJobs jobs;
    private OstreeCli ostree;

    @BeforeEach
    void setUp() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        base = Files.createTempDirectory("lifecycle-it");
        LabSysroot sys = new LabSysroot(base);
        sys.installOriginal("rhcos");
        Files.createDirectories(base.resolve("work"));
        host = new FakeBoot(sys.path(), base.resolve("work"), "rhcos");
        registry = LabRegistry.start();
        HostLayout layout = host.layout();
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 1);
        String seed = registry.host() + "/lab/seed:4.16.0";
        new SeedImageBuilder(skopeo).buildAndPush(SeedFixture.create(base.resolve("seed"), "4.16.0", List.of(), 5), seed,
            Optional.empty(), base.resolve("build"));
        ProcessRunner hostRunner = host.runner();
        ostree = new OstreeCli(hostRunner, layout);
        jobs = new HostJobs(layout.workRoot(), "stateroot-setup");
        stateroots = new StaterootAdapter(ostree, hostRunner, layout,
            new StaterootSetupJob(ostree, skopeo, layout, ExtractionLimits.SEED_DEFAULT), jobs);
        store = new StateStoreAdapter(layout);
        reboot = new RebootAdapter(host.rebootCommand(), Duration.ZERO, hostRunner, layout);
        stateroots.startSetup(new StaterootSetup(NEW, "4.16.0", seed, Option.none(),
            new AutoRollbackConfig(true, 1800, true, true))).get();
        for (int i = 0; i < 600 && stateroots.setupState(NEW).get() instanceof JobState.Running; i++) {
            Thread.sleep(100);
        }
        assertThat(stateroots.setupState(NEW).get()).isEqualTo(new JobState.Succeeded());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (jobs != null) {
            jobs.close();
        }
        if (registry != null) {
            registry.close();
        }
        LabSysroot.deleteTree(base);
    }

    private HostStatus status() {
        return stateroots.status().get();
    }

    @Test
    void pivot_rollback_pivot_finalize() throws Exception {
        assertThat(status().bootedStateroot()).contains("rhcos");
        assertThat(status().deployments().map(d -> d.osname() + (d.booted() ? "*" : "")).toJavaList())
            .containsExactly("rhcos*", NEW);

        ImageBasedUpgrade ibu = TestIbus.sample();
        store.saveIbu(NEW, ibu).get();
        store.saveIbu("rhcos", ibu).get();
        stateroots.setDefault(NEW).get();
        reboot.reboot("upgrade").get();

        assertThat(status().bootedStateroot()).as("after pivot").contains(NEW);
        assertThat(stateroots.isAfterPivot("4.16.0").get()).isTrue();
        assertThat(stateroots.startSetup(new StaterootSetup(NEW, "4.16.0", "unused", Option.none(),
            new AutoRollbackConfig(true, 1800, true, true))).getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(host.runner().runOk("cat", "/etc/lab.conf").stdout()).isEqualTo("setting=seed-custom\n");
        assertThat(host.runner().run(List.of("test", "-e", "/etc/obsolete.conf")).exitCode()).isEqualTo(1);
        assertThat(host.runner().runOk("cat", "/var/lib/lca/autorollback_config.json").stdout()).contains("\"monitor_timeout\":1800");
        assertThat(host.runner().runOk("cat", "/proc/cmdline").exitCode()).isZero();
        assertThat(store.loadIbu(NEW).get()).contains(ibu);

        PortFailure refused = stateroots.remove(NEW).getLeft();
        assertThat(refused).isInstanceOf(PortFailure.Invalid.class);
        assertThat(refused.message()).contains("deployment 0 in stateroot " + NEW + " is booted");

        stateroots.setDefault("rhcos").get();
        reboot.reboot("rollback").get();
        assertThat(status().bootedStateroot()).as("after rollback").contains("rhcos");
        assertThat(stateroots.isAfterPivot("4.16.0").get()).isFalse();
        assertThat(host.runner().runOk("cat", "/etc/lab.conf").stdout()).isEqualTo("setting=base rhcos\n");

        stateroots.setDefault(NEW).get();
        reboot.reboot("upgrade").get();
        assertThat(status().bootedStateroot()).contains(NEW);
        stateroots.remove("rhcos").get(); // finalize: the old stateroot goes
        assertThat(status().deployments().map(d -> d.osname() + (d.booted() ? "*" : "")).toJavaList()).containsExactly(NEW + "*");
        assertThat(base.resolve("sysroot/ostree/deploy/rhcos")).doesNotExist();
        assertThat(host.reboots()).containsExactly("upgrade", "rollback", "upgrade");
    }

    @Test
    void init_monitor_rolls_back_after_its_timeout() throws Exception {
        store.saveIbu("rhcos", TestIbus.sample()).get();
        stateroots.setDefault(NEW).get();
        reboot.reboot("upgrade").get();
        List<Duration> slept = new ArrayList<>();
        InitMonitor monitor = new InitMonitor(host.layout(), ostree, store, host.rebootCommand(), slept::add,
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

        assertThat(InitMonitor.runCommand(monitor, List.of("--monitor", "--exec-stop-post", "config"), java.util.Map.of()))
            .as("flags are exclusive").isEqualTo(2);
        assertThat(InitMonitor.runCommand(monitor, List.of("--exec-stop-post", "postpivot"), java.util.Map.of("SERVICE_RESULT", "success")))
            .isZero();
        assertThat(status().bootedStateroot()).as("a successful unit rolls nothing back").contains(NEW);
        InitMonitor.Outcome out = monitor.monitor();

        assertThat(out).isEqualTo(new InitMonitor.Outcome.RolledBack("Rollback due to LCA Init Monitor timeout, after 30m0s"));
        assertThat(slept).containsExactly(Duration.ofSeconds(1800));
        assertThat(status().bootedStateroot()).contains("rhcos");
        ImageBasedUpgrade saved = store.loadIbu("rhcos").get().get();
        assertThat(saved.status().conditions().find("UpgradeInProgress").get().message())
            .isEqualTo("Rollback due to LCA Init Monitor timeout, after 30m0s");
        assertThat(saved.status().conditions().find("UpgradeCompleted").get().reason()).isEqualTo("Failed");
        assertThat(monitor.monitor()).as("no config in the original stateroot").isEqualTo(new InitMonitor.Outcome.NoConfig());
    }
}
