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
import dev.ibu.ports.out.PrecacheProgress;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 / upstream PR 7318: precache skips an image whose manifest list has no entry for the node's architecture
 * and counts it, instead of failing Prep; a list with the node's entry and a single image of another architecture are
 * pulled (as podman pulls them). Real registry, real manifest lists (OCI indexes pushed with {@code skopeo copy
 * --all}), real containers-storage.
 */
class ManifestListPrecacheIT {

    static LabRegistry registry;
    static Path base;
    static String node;
    static String other;

    @BeforeAll
    static void images() throws Exception {
        RequireHostTools.require("skopeo", "docker-registry");
        registry = LabRegistry.start();
        base = Files.createTempDirectory("manifest-list-it");
        node = NodeArchitecture.fromHost(ProcessRunner.local()).get();
        other = node.equals("arm64") ? "s390x" : "arm64";
        String third = node.equals("ppc64le") ? "s390x" : "ppc64le";
        SkopeoClient push = skopeo(base.resolve("push"));
        Path root = Files.createDirectories(base.resolve("root"));
        Files.writeString(root.resolve("payload"), "multi-arch");
        SeedImageBuilder.writeOciManifestList(root, base.resolve("without"), Map.of(), java.util.List.of(other, third));
        push.copyAll("oci:" + base.resolve("without") + ":seed", "docker://" + ref("without-node"), Optional.empty());
        SeedImageBuilder.writeOciManifestList(root, base.resolve("with"), Map.of(), java.util.List.of(other, node));
        push.copyAll("oci:" + base.resolve("with") + ":seed", "docker://" + ref("with-node"), Optional.empty());
        SeedImageBuilder.writeOciLayout(root, base.resolve("single"), Map.of(), other);
        push.copy("oci:" + base.resolve("single") + ":seed", "docker://" + ref("single-other"), Optional.empty());
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

    static String ref(String name) {
        return registry.host() + "/lab/" + name + ":1";
    }

    static SkopeoClient skopeo(Path storage) throws Exception {
        Files.createDirectories(storage);
        Path conf = storage.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"vfs\"\nrunroot = \"" + storage.resolve("run") + "\"\ngraphroot = \""
            + storage.resolve("graph") + "\"\n");
        return new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base, base), Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofMinutes(2), 0);
    }

    @Test
    void the_registry_serves_real_manifest_lists() throws Exception {
        SkopeoImageStore store = new SkopeoImageStore(skopeo(base.resolve("probe")), base.resolve("probe/graph"), "vfs");

        assertThat(store.manifestListArchitectures(ref("without-node"), Optional.empty())).get().asList()
            .doesNotContain(node).contains(other);
        assertThat(store.manifestListArchitectures(ref("with-node"), Optional.empty())).get().asList().contains(node);
        assertThat(store.manifestListArchitectures(ref("single-other"), Optional.empty())).isEmpty();
    }

    @Test
    void a_manifest_list_without_the_nodes_architecture_is_skipped_and_counted_and_prep_goes_on() throws Exception {
        Path dir = Files.createDirectories(base.resolve("precache"));
        HostLayout layout = HostLayout.forSysroot(dir.resolve("sysroot"), Files.createDirectories(dir.resolve("work")));
        AtomicFiles.write(layout.staterootVar("rhcos_4.16.0").resolve(StaterootSetupJob.CONTAINERS_LIST),
            String.join("\n", ref("without-node"), ref("with-node"), ref("single-other")));
        SkopeoImageStore store = new SkopeoImageStore(skopeo(dir.resolve("storage")), dir.resolve("storage/graph"), "vfs");
        Path status = dir.resolve("status.json");
        try (HostJobs jobs = new HostJobs(layout.workRoot(), "precache")) {
            PrecacheAdapter precache = new PrecacheAdapter(layout, store, new PrecacheSettings(status, 4, 2,
                Duration.ofMillis(10), false, 0), jobs, new NodeRuntime(Set::of, PrecacheAdapterIT.usedAt(0),
                NodeArchitecture.fromHost(ProcessRunner.local())), Optional.empty());

            precache.start(new PrecacheRequest("rhcos_4.16.0", List.empty(), Option.none(), ImageCleanup.DISABLED)).get();
            PrecacheStatus end = null;
            for (int i = 0; i < 1200 && (end == null || end.state() instanceof JobState.Running); i++) {
                Thread.sleep(100);
                end = precache.status().get();
            }

            assertThat(end.state()).isEqualTo(new JobState.Succeeded());
            assertThat(end.progress()).contains(new PrecacheProgress(3, 2, 0, 1));
            assertThat(end.progress().get().message()).isEqualTo("total: 3 (pulled: 2, failed: 0, skipped: 1)");
            assertThat(status).content().contains("\"skipped\":1").contains("\"skipped_pulls\":[\"" + ref("without-node") + "\"]")
                .contains("\"failed_pulls\":null");
            assertThat(store.exists(ref("with-node"))).isTrue();
            assertThat(store.exists(ref("single-other"))).isTrue();
            assertThat(store.exists(ref("without-node"))).isFalse();
        }
    }

    @Test
    void without_the_skip_the_pull_of_such_a_list_fails_as_upstream_saw_it() throws Exception {
        SkopeoImageStore store = new SkopeoImageStore(skopeo(base.resolve("raw")), base.resolve("raw/graph"), "vfs");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.pull(ref("without-node"), Optional.empty()))
            .hasMessageContaining("no image found in");
    }
}
