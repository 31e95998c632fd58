package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.NodeArchitecture;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheRequest;
import dev.ibu.ports.out.PrecacheStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the container-storage cleanup at the start of precache (host-and-image.md §5.1) against a real
 * containers-storage (vfs) filled from the loopback registry, with the images in use or pinned told by crictl and
 * podman ({@link FakeCri}: their real JSON, from upstream's tests) and the usage injected (a file system at 99% is not
 * at hand).
 */
class ImageCleanupIT {

    static LabRegistry registry;
    static Path base;
    static final java.util.List<String> NAMES = java.util.List.of("pinned", "crio", "podman", "old", "older");

    private HostJobs jobs;
    private SkopeoImageStore store;
    private FakeCri cri;
    private Path dir;

    @BeforeAll
    static void images() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry");
        registry = LabRegistry.start();
        base = Files.createTempDirectory("image-cleanup-it");
        SkopeoClient push = new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base, base),
            Set.of(registry.host()), 0);
        for (String n : concat(NAMES, "app")) {
            Path root = Files.createDirectories(base.resolve("img-" + n));
            Files.writeString(root.resolve("payload"), "image " + n);
            SeedImageBuilder.writeOciLayout(root, base.resolve("oci-" + n), Map.of());
            push.copy("oci:" + base.resolve("oci-" + n) + ":seed", "docker://" + ref(n), Optional.empty());
        }
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

    @AfterEach
    void closeJobs() {
        if (jobs != null) {
            jobs.close();
        }
    }

    static String ref(String name) {
        return registry.host() + "/lab/" + name + ":1";
    }

    private static java.util.List<String> concat(java.util.List<String> l, String x) {
        java.util.List<String> out = new java.util.ArrayList<>(l);
        out.add(x);
        return out;
    }

    /** A node whose storage holds the five images, as the runtimes report them; precache then pulls lab/app:1. */
    private PrecacheAdapter node(String name, int usedPercent) throws Exception {
        dir = Files.createDirectories(base.resolve(name));
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path conf = storage.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + storage.resolve("run")
            + "\"\ngraphroot = \"" + storage.resolve("graph") + "\"\n");
        HostLayout layout = HostLayout.forSysroot(dir.resolve("sysroot"), Files.createDirectories(dir.resolve("work")));
        store = new SkopeoImageStore(new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(2), 0), storage.resolve("graph"), "vfs");
        for (String n : NAMES) {
            store.pull(ref(n), Optional.empty());
        }
        cri = new FakeCri(dir.resolve("bin"));
        for (String n : NAMES) {
            ImageStore.StoredImage img = stored(n);
            cri.image(img.id(), ref(n), img.repoDigests().isEmpty() ? null : img.repoDigests().get(0), n.equals("pinned"));
        }
        // CRI-O names a container's image by its repo digest (image.image), podman by the image id
        cri.crioContainer(stored("crio").repoDigests().get(0));
        cri.podmanContainer(stored("podman").id());
        AtomicFiles.write(layout.staterootVar("rhcos_4.16.0").resolve(StaterootSetupJob.CONTAINERS_LIST), ref("app"));
        jobs = new HostJobs(layout.workRoot(), "precache");
        NodeRuntime runtime = new NodeRuntime(new CriRuntimeImages(cri.runner()), PrecacheAdapterIT.usedAt(usedPercent),
            NodeArchitecture.fromHost(cri.runner()));
        return new PrecacheAdapter(layout, store, new PrecacheSettings(dir.resolve("status.json"), 4, 2,
            Duration.ofMillis(10), false, 0), jobs, runtime, Optional.empty());
    }

    private ImageStore.StoredImage stored(String name) {
        return store.list().stream().filter(i -> i.names().contains(ref(name))).findFirst()
            .orElseThrow(() -> new AssertionError(ref(name) + " is not in the storage"));
    }

    private java.util.List<String> present() {
        return NAMES.stream().filter(n -> store.exists(ref(n))).toList();
    }

    private static PrecacheStatus runToEnd(PrecacheAdapter a) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            PrecacheStatus s = a.status().get();
            if (!(s.state() instanceof JobState.Running)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("precache still running after 120 s");
    }

    private static PrecacheRequest request(ImageCleanup cleanup) {
        return new PrecacheRequest("rhcos_4.16.0", List.empty(), Option.none(), cleanup);
    }

    @Test
    void at_99_percent_the_unused_images_go_and_the_pinned_and_in_use_ones_survive() throws Exception {
        PrecacheAdapter precache = node("at99", 99);
        assertThat(stored("crio").repoDigests()).as("containers-storage keeps the repo digest CRI-O names").isNotEmpty();

        precache.start(request(ImageCleanup.DEFAULT)).get();
        PrecacheStatus end = runToEnd(precache);

        assertThat(end.state()).isEqualTo(new JobState.Succeeded());
        assertThat(present()).containsExactly("pinned", "crio", "podman");
        assertThat(store.exists(ref("app"))).isTrue();
    }

    @Test
    void when_crictl_cannot_answer_nothing_is_removed_and_precache_goes_on() throws Exception {
        PrecacheAdapter precache = node("no-crio", 99);
        cri.breakCrictl();

        precache.start(request(ImageCleanup.DEFAULT)).get();

        assertThat(runToEnd(precache).state()).isEqualTo(new JobState.Succeeded());
        assertThat(present()).containsExactlyElementsOf(NAMES);
    }

    @Test
    void on_prep_disabled_removes_nothing_even_at_99_percent() throws Exception {
        PrecacheAdapter precache = node("disabled", 99);

        precache.start(request(ImageCleanup.DISABLED)).get();

        assertThat(runToEnd(precache).state()).isEqualTo(new JobState.Succeeded());
        assertThat(present()).containsExactlyElementsOf(NAMES);
    }

    @Test
    void the_threshold_is_strict_usage_at_the_threshold_keeps_everything() throws Exception {
        PrecacheAdapter precache = node("at-threshold", 99);

        precache.start(request(new ImageCleanup(true, 99))).get();

        assertThat(runToEnd(precache).state()).isEqualTo(new JobState.Succeeded());
        assertThat(present()).containsExactlyElementsOf(NAMES);
    }
}
