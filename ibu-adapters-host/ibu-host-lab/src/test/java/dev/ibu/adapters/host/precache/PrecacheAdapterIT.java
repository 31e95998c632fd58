package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.NodeArchitecture;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.PrecacheStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Precache against a real registry into a real containers-storage (vfs driver) in a temp dir, with skopeo. */
class PrecacheAdapterIT {

    static LabRegistry registry;
    static Path base;

    @BeforeAll
    static void images() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry", "mount");
        registry = LabRegistry.start();
        base = Files.createTempDirectory("precache-it");
        for (int i = 1; i <= 3; i++) {
            push("lab/app:" + i, 64);
        }
        push("lab/big:1", 4 << 20);
    }

    static void push(String name, int bytes) throws Exception {
        Path root = base.resolve("img-" + name.replace('/', '_').replace(':', '_'));
        Files.createDirectories(root);
        byte[] data = new byte[bytes];
        new Random(name.hashCode()).nextBytes(data);
        Files.write(root.resolve("payload"), data);
        Path oci = root.resolveSibling(root.getFileName() + "-oci");
        SeedImageBuilder.writeOciLayout(root, oci, Map.of("name", name));
        skopeo(base.resolve("unused")).copy("oci:" + oci + ":seed", "docker://" + registry.host() + "/" + name, Optional.empty());
    }

    static SkopeoClient skopeo(Path storage) throws Exception {
        Files.createDirectories(storage);
        Path conf = storage.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + storage.resolve("run") + "\"\ngraphroot = \""
            + storage.resolve("graph") + "\"\n");
        return new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base, base), Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(2), 0);
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

    private record Rig(PrecacheAdapter adapter, SkopeoImageStore store, HostJobs jobs, Path statusFile) {
    }

    /** A storage whose file system looks {@code percent} full (the free bytes are the real ones). */
    static DiskUsage usedAt(int percent) {
        return new DiskUsage() {
            @Override
            public int usedPercent(Path dir) {
                return percent;
            }

            @Override
            public long freeBytes(Path dir) {
                return DiskUsage.statfs().freeBytes(dir);
            }
        };
    }

    private Rig rig(String name, Path storage, boolean bestEffort, java.util.List<String> seedList) throws Exception {
        // a storage at 0%: no cleanup; runtimes that use nothing
        return rig(name, storage, bestEffort, seedList, new NodeRuntime(
            new CriRuntimeImages(new FakeCri(base.resolve(name + "-cri")).runner()), usedAt(0),
            NodeArchitecture.fromHost(ProcessRunner.local())));
    }

    private Rig rig(String name, Path storage, boolean bestEffort, java.util.List<String> seedList, NodeRuntime node)
        throws Exception {
        Path dir = Files.createDirectories(base.resolve(name));
        HostLayout layout = HostLayout.forSysroot(dir.resolve("sysroot"), dir.resolve("work"));
        AtomicFiles.write(layout.staterootVar("rhcos_4.16.0").resolve(StaterootSetupJob.CONTAINERS_LIST), String.join("\n", seedList));
        SkopeoImageStore store = new SkopeoImageStore(skopeo(storage), storage.resolve("graph"), "vfs");
        Path status = dir.resolve("workspace/precache_status.json");
        PrecacheSettings settings = new PrecacheSettings(status, 10, 2, Duration.ofMillis(10), bestEffort, 0);
        HostJobs jobs = new HostJobs(Files.createDirectories(dir.resolve("work")), "precache");
        return new Rig(new PrecacheAdapter(layout, store, settings, jobs, node, Optional.empty()), store, jobs, status);
    }

    private static PrecacheStatus await(PrecacheAdapter a) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            PrecacheStatus s = a.status().get();
            if (!(s.state() instanceof JobState.Running)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("precache still running after 120 s");
    }

    @Test
    void pulls_the_seed_list_and_extras_and_fails_naming_what_is_missing() throws Exception {
        String r = registry.host();
        Rig rig = rig("strict", base.resolve("storage-strict"), false, java.util.List.of(r + "/lab/app:1", "", r + "/lab/app:2",
            r + "/lab/missing:1"));
        assertThat(rig.adapter().status().get().state()).isInstanceOf(JobState.NotStarted.class);
        rig.adapter().start("rhcos_4.16.0", List.of(r + "/lab/app:3"), Option.none()).get();
        PrecacheStatus s = await(rig.adapter());

        assertThat(s.state()).isEqualTo(new JobState.Failed(PrecacheWorkload.FAILED + ": " + r + "/lab/missing:1"));
        assertThat(s.progress()).contains(new PrecacheProgress(4, 3, 1));
        assertThat(s.progress().get().message()).isEqualTo("total: 4 (pulled: 3, failed: 1)");
        assertThat(rig.statusFile()).hasContent("{\"total\":4,\"pulled\":3,\"failed\":1,\"skipped\":0,\"failed_pulls\":[\""
            + r + "/lab/missing:1\"],\"skipped_pulls\":null}");
        assertThat(rig.store().exists(r + "/lab/app:3")).isTrue();
        assertThat(rig.store().list()).hasSize(3);

        rig.store().remove(rig.store().list().get(0));
        assertThat(rig.store().list()).hasSize(2);

        rig.adapter().cleanup().get();
        assertThat(rig.statusFile()).doesNotExist();
        assertThat(rig.adapter().status().get().state()).isInstanceOf(JobState.NotStarted.class);
        rig.jobs().close();
    }

    @Test
    void best_effort_succeeds_and_an_empty_list_is_refused() throws Exception {
        String r = registry.host();
        Rig rig = rig("best", base.resolve("storage-best"), true, java.util.List.of(r + "/lab/app:1", r + "/lab/missing:2"));
        rig.adapter().start("rhcos_4.16.0", List.empty(), Option.none()).get();
        PrecacheStatus s = await(rig.adapter());
        assertThat(s.state()).isEqualTo(new JobState.Succeeded());
        assertThat(s.progress()).contains(new PrecacheProgress(2, 1, 1));

        Rig empty = rig("empty", base.resolve("storage-empty"), false, java.util.List.of());
        PortFailure f = empty.adapter().start("rhcos_4.16.0", List.empty(), Option.none()).getLeft();
        assertThat(f.message()).isEqualTo("no images specified for precaching");
        rig.jobs().close();
        empty.jobs().close();
    }

    @Test
    void a_full_disk_stops_precache_with_a_clear_message() throws Exception {
        Path storage = Files.createDirectories(base.resolve("storage-tiny"));
        Path graph = Files.createDirectories(storage.resolve("graph"));
        ProcessRunner.local().runOk("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", graph.toString());
        try {
            String r = registry.host();
            Rig rig = rig("tiny", storage, false, java.util.List.of(r + "/lab/big:1", r + "/lab/app:1"));
            rig.adapter().start("rhcos_4.16.0", List.empty(), Option.none()).get();
            PrecacheStatus s = await(rig.adapter());
            assertThat(s.state()).isInstanceOf(JobState.Failed.class);
            assertThat(((JobState.Failed) s.state()).message()).startsWith("precache stopped: no space left on device in container storage "
                + graph).contains("free space on that file system, then start Prep again");
            rig.jobs().close();
        } finally {
            ProcessRunner.local().run(java.util.List.of("umount", "-l", graph.toString()));
        }
    }
}
