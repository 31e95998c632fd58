package dev.ibu.adapters.host.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.ports.out.SeedImageInfo;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the architectures a seed is built for, as {@link SeedImageAdapter} reads them from a real registry: the OCI
 * config's for a single image, every entry's for a manifest list (whose labels are then those of the node's entry, or of
 * the first when it has none); and the node's own, from {@code uname -m}.
 */
class SeedArchitectureIT {

    static LabRegistry registry;
    static Path base;
    static SkopeoClient skopeo;
    static HostLayout layout;
    static String node;
    static String other;
    static String third;

    @BeforeAll
    static void seeds() throws Exception {
        RequireHostTools.requireRegistry();
        registry = LabRegistry.start();
        base = Files.createTempDirectory("seed-arch-it");
        layout = HostLayout.forSysroot(base.resolve("sysroot"), base.resolve("work"));
        skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0);
        node = NodeArchitecture.fromHost(ProcessRunner.local()).get();
        other = node.equals("arm64") ? "s390x" : "arm64";
        third = node.equals("ppc64le") ? "s390x" : "ppc64le";
        Map<String, String> labels = SeedImageBuilder.labels(SeedClusterInfo.minimal("4.16.0"));
        Path root = Files.createDirectories(base.resolve("root"));
        Files.writeString(root.resolve("manifest.json"), "{}");
        SeedImageBuilder.writeOciLayout(root, base.resolve("single"), labels, other);
        skopeo.copy("oci:" + base.resolve("single") + ":seed", "docker://" + ref("single-other"), Optional.empty());
        SeedImageBuilder.writeOciManifestList(root, base.resolve("with"), labels, List.of(other, node));
        skopeo.copyAll("oci:" + base.resolve("with") + ":seed", "docker://" + ref("list-with-node"), Optional.empty());
        SeedImageBuilder.writeOciManifestList(root, base.resolve("without"), labels, List.of(other, third));
        skopeo.copyAll("oci:" + base.resolve("without") + ":seed", "docker://" + ref("list-without-node"), Optional.empty());
        new SeedImageBuilder(skopeo).buildAndPush(SeedFixture.create(base.resolve("seed"), "4.16.0", List.of(), 1),
            ref("built-here"), Optional.empty(), base.resolve("build"));
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
        return registry.host() + "/lab/" + name + ":4.16.0";
    }

    private static SeedImageInfo inspect(String name) {
        return new SeedImageAdapter(skopeo, layout).inspect(ref(name), Option.none()).get();
    }

    @Test
    void the_node_architecture_is_unames_as_a_goarch_name() {
        assertThat(new SeedImageAdapter(skopeo, layout).nodeArchitecture().get()).isEqualTo(node)
            .isIn("amd64", "arm64", "ppc64le", "s390x");
    }

    @Test
    void a_single_image_is_built_for_what_its_oci_config_says() {
        SeedImageInfo info = inspect("single-other");

        assertThat(info.architectures().asJava()).containsExactly(other);
        assertThat(info.formatVersion()).contains(SeedImageInfo.SUPPORTED_FORMAT_VERSION);
    }

    @Test
    void a_manifest_list_is_built_for_each_of_its_entries_and_shows_its_labels() {
        SeedImageInfo with = inspect("list-with-node");
        SeedImageInfo without = inspect("list-without-node");

        assertThat(with.architectures().asJava()).containsExactly(other, node);
        assertThat(with.clusterInfo().map(c -> c.ocpVersion())).contains("4.16.0");
        assertThat(without.architectures().asJava()).containsExactly(other, third);
        assertThat(without.formatVersion()).contains(SeedImageInfo.SUPPORTED_FORMAT_VERSION);
    }

    @Test
    void a_seed_built_here_is_built_for_this_node() {
        assertThat(inspect("built-here").architectures().asJava()).containsExactly(node);
    }
}
