package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One registry with one seed (and a few app images) per contract test class: building them is the
 * slow part, and the contract only needs a fresh host per test.
 */
final class SharedSeed implements AutoCloseable {

    static final String VERSION = "4.16.0";
    final LabRegistry registry;
    final Path base;
    final String seedRef;
    final List<String> appImages;

    SharedSeed(String name, int appImageCount) throws Exception {
        RequireHostTools.requireRegistry();
        registry = LabRegistry.start();
        base = Files.createTempDirectory(name);
        SkopeoClient skopeo = skopeo(HostLayout.forSysroot(base.resolve("unused"), base.resolve("build-work")));
        java.util.ArrayList<String> apps = new java.util.ArrayList<>();
        for (int i = 1; i <= appImageCount; i++) {
            Path root = Files.createDirectories(base.resolve("app" + i));
            Files.writeString(root.resolve("payload"), "app " + i);
            SeedImageBuilder.writeOciLayout(root, base.resolve("app" + i + "-oci"), Map.of());
            String ref = registry.host() + "/lab/app:" + i;
            skopeo.copy("oci:" + base.resolve("app" + i + "-oci") + ":seed", "docker://" + ref, Optional.empty());
            apps.add(ref);
        }
        appImages = List.copyOf(apps);
        seedRef = registry.host() + "/lab/seed:" + VERSION;
        new SeedImageBuilder(skopeo).buildAndPush(SeedFixture.create(base.resolve("seed"), VERSION, appImages, 3), seedRef,
            Optional.empty(), base.resolve("build"));
    }

    /** Pushes {@code lab/<name>:1} as a manifest list with entries for two architectures other than this node's. */
    String pushManifestListWithoutNodeArchitecture(String name) throws Exception {
        String node = dev.ibu.adapters.host.seed.NodeArchitecture.fromHost(ProcessRunner.local()).get();
        List<String> others = java.util.stream.Stream.of("arm64", "s390x", "ppc64le").filter(a -> !a.equals(node))
            .limit(2).toList();
        Path root = Files.createDirectories(base.resolve(name));
        Files.writeString(root.resolve("payload"), name);
        SeedImageBuilder.writeOciManifestList(root, base.resolve(name + "-oci"), Map.of(), others);
        String ref = registry.host() + "/lab/" + name + ":1";
        skopeo(HostLayout.forSysroot(base.resolve("unused"), base.resolve("build-work")))
            .copyAll("oci:" + base.resolve(name + "-oci") + ":seed", "docker://" + ref, Optional.empty());
        return ref;
    }

    SkopeoClient skopeo(HostLayout layout) {
        return new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0);
    }

    @Override
    public void close() throws Exception {
        registry.close();
        LabSysroot.deleteTree(base);
    }
}
