package dev.ibu.adapters.host.ostree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedContent;
import dev.ibu.adapters.host.seed.SeedImageAdapter;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed built and pushed to a real registry, then a new stateroot made from it on a real sysroot. */
class StaterootAdapterIT {

    static LabRegistry registry;
    static Path base;
    static String seedRef;
    static SkopeoClient skopeo;
    static SeedContent content;

    @BeforeAll
    static void seed() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        registry = LabRegistry.start();
        base = Files.createTempDirectory("stateroot-it");
        HostLayout buildLayout = HostLayout.forSysroot(base.resolve("unused"), base.resolve("build-work"));
        skopeo = new SkopeoClient(ProcessRunner.local(), buildLayout, Set.of(registry.host()), 1);
        content = SeedFixture.create(base.resolve("seed"), "4.16.0", List.of("a/b:1"), 20);
        seedRef = registry.host() + "/lab/seed:4.16.0";
        new SeedImageBuilder(skopeo).buildAndPush(content, seedRef, Optional.empty(), base.resolve("build"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (base != null) {
            LabSysroot.deleteTree(base);
        }
    }

    @Test
    void inspects_labels_without_pulling() {
        SeedImageInfo info = new SeedImageAdapter(skopeo, HostLayout.forSysroot(base, base.resolve("w")))
            .inspect(seedRef, Option.none()).get();
        assertThat(info.formatVersion()).contains("4");
        assertThat(SeedImageAdapter.formatVersionError(info)).isEmpty();
        assertThat(info.clusterInfo().get().ocpVersion()).isEqualTo("4.16.0");
        assertThat(info.clusterInfo().get().containerStorageMountpoint()).contains("/dev/disk/by-partlabel/var-lib-containers");
        PortFailure missing = new SeedImageAdapter(skopeo, HostLayout.forSysroot(base, base.resolve("w")))
            .inspect(registry.host() + "/lab/nope:1", Option.none()).getLeft();
        assertThat(missing).isInstanceOf(PortFailure.NotFound.class);
        assertThat(missing.message()).startsWith("failed to inspect image: ");
    }

    @Test
    void creates_sets_default_and_removes_a_stateroot_from_the_seed() throws Exception {
        try (LabSysroot sys = new LabSysroot(Files.createTempDirectory(base, "sys")); HostJobs jobs = jobs(sys)) {
            sys.installOriginal("rhcos");
            StaterootAdapter adapter = adapter(sys, jobs);
            AutoRollbackConfig arc = new AutoRollbackConfig(true, 1800, true, true);
            adapter.startSetup(new StaterootSetup("rhcos_4.16.0", "4.16.0", seedRef, Option.none(), arc)).get();
            assertThat(await(adapter, "rhcos_4.16.0")).isInstanceOf(JobState.Succeeded.class);

            HostStatus st = adapter.status().get();
            assertThat(st.deployments().map(d -> d.osname()).toJavaList()).containsExactly("rhcos", "rhcos_4.16.0");
            Path dep = new StaterootSetupJob(ostree(sys), skopeo, sys.layout(), ExtractionLimits.SEED_DEFAULT)
                .deploymentDir("rhcos_4.16.0");
            assertThat(dep.resolve("etc/lab.conf")).hasContent("setting=seed-custom");
            assertThat(dep.resolve("etc/new-in-seed.conf")).exists();
            assertThat(dep.resolve("etc/obsolete.conf")).doesNotExist();
            assertThat(dep.resolve("etc/os-release")).exists();
            assertThat(Path.of(dep + ".origin")).hasContent("[origin]\nrefspec=rhcos/seed");
            Path var = sys.path().resolve("ostree/deploy/rhcos_4.16.0/var");
            assertThat(var.resolve("lib/kubelet/config.json")).exists();
            assertThat(var.resolve("lib/bulk/f19")).exists();
            Path arcFile = var.resolve("lib/lca/autorollback_config.json");
            assertThat(arcFile).hasContent(
                "{\"monitor_enabled\":true,\"monitor_timeout\":1800,\"enabled_components\":{\"config\":true,\"postpivot\":true}}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(arcFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(arcFile.getParent()))).isEqualTo("rwx------");
            assertThat(bls(sys)).contains("ibu=4.16.0 systemd.unified_cgroup_hierarchy=1 nosmt");
            assertThat(ProcessRunner.local().runOk("ostree", "--repo=" + sys.repo(), "show", seedCommit()).exitCode()).isZero();
            assertThat(ostree(sys).refs()).as("the seed's refs are not imported").doesNotContain("rhcos/seed");
            assertThat(Files.list(sys.layout().workRoot()).filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("ibu-stateroot-")))
                .as("workspace removed").isEmpty();

            adapter.setDefault("rhcos_4.16.0").get();
            assertThat(adapter.status().get().defaultDeployment().get().osname()).isEqualTo("rhcos_4.16.0");
            adapter.setDefault("rhcos").get();
            assertThat(adapter.setDefault("rhcos_9").getLeft()).isInstanceOf(PortFailure.NotFound.class);

            adapter.remove("rhcos_4.16.0").get();
            assertThat(adapter.status().get().staterootNames().toJavaList()).containsExactly("rhcos");
            assertThat(sys.path().resolve("ostree/deploy/rhcos_4.16.0")).doesNotExist();
            assertThat(ProcessRunner.local().run(List.of("ostree", "--repo=" + sys.repo(), "show", seedCommit())).exitCode())
                .as("the seed's commit is pruned with its last deployment").isNotZero();
            assertThat(adapter.setupState("rhcos_4.16.0").get()).isInstanceOf(JobState.NotStarted.class);
            adapter.remove("rhcos_4.16.0").get(); // absent: still fine
        }
    }

    @Test
    void version_mismatch_fails_the_job_with_the_upstream_message() throws Exception {
        try (LabSysroot sys = new LabSysroot(Files.createTempDirectory(base, "sys")); HostJobs jobs = jobs(sys)) {
            sys.installOriginal("rhcos");
            StaterootAdapter adapter = adapter(sys, jobs);
            adapter.startSetup(new StaterootSetup("rhcos_4.17.0", "4.17.0", seedRef, Option.none(),
                new AutoRollbackConfig(true, 1800, true, true))).get();
            JobState s = await(adapter, "rhcos_4.17.0");
            assertThat(s).isInstanceOf(JobState.Failed.class);
            assertThat(((JobState.Failed) s).message())
                .isEqualTo("version specified in seed image (4.16.0) differs from version in spec (4.17.0)");
        }
    }

    static String seedCommit() {
        return content.commit();
    }

    static HostJobs jobs(LabSysroot sys) throws Exception {
        Files.createDirectories(sys.layout().workRoot());
        return new HostJobs(sys.layout().workRoot(), "stateroot-setup");
    }

    static OstreeCli ostree(LabSysroot sys) {
        return new OstreeCli(ProcessRunner.local(), sys.layout());
    }

    static StaterootAdapter adapter(LabSysroot sys, HostJobs jobs) {
        SkopeoClient sk = new SkopeoClient(ProcessRunner.local(), sys.layout(), Set.of(registry.host()), 1);
        StaterootSetupJob job = new StaterootSetupJob(ostree(sys), sk, sys.layout(), ExtractionLimits.SEED_DEFAULT);
        return new StaterootAdapter(ostree(sys), ProcessRunner.local(), sys.layout(), job, jobs);
    }

    static JobState await(StaterootAdapter a, String sr) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JobState s = a.setupState(sr).get();
            if (!(s instanceof JobState.Running)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("setup of " + sr + " still running after 60 s");
    }

    private static String bls(LabSysroot sys) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(sys.path().resolve("boot/loader/entries"))) {
            for (Path p : s.toList()) {
                sb.append(Files.readString(p));
            }
        }
        return sb.toString();
    }
}
