package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.AuthFile;
import dev.ibu.adapters.host.seed.SeedImageAdapter;
import dev.ibu.adapters.host.lab.LabRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.ports.contract.SeedImagePortContractTest;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImagePort;
import io.vavr.Tuple2;
import io.vavr.control.Option;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared SeedImagePort contract with skopeo against real registries (one anonymous, one htpasswd). */
class SeedImageAdapterContractIT extends SeedImagePortContractTest {

    static SharedSeed seed;
    static LabRegistry privateRegistry;
    static PullSecret secret;
    static String privateRef;

    @BeforeAll
    static void seed() throws Exception {
        seed = new SharedSeed("seed-contract", 0);
        RequireHostTools.requireRegistry();
        RequireHostTools.require("/usr/bin/python3");
        privateRegistry = LabRegistry.startWithAuth("contract", "contract-pass");
        String auth = Base64.getEncoder().encodeToString("contract:contract-pass".getBytes(StandardCharsets.UTF_8));
        secret = new PullSecret("seed-pull-secret", "{\"auths\":{\"" + privateRegistry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        privateRef = privateRegistry.host() + "/lab/private-seed:" + SharedSeed.VERSION;
        HostLayout layout = HostLayout.forSysroot(seed.base.resolve("sysroot"), seed.base.resolve("work"));
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(seed.registry.host(), privateRegistry.host()), 0);
        try (AuthFile f = AuthFile.write(Optional.of(secret), seed.base.resolve("auth"))) {
            skopeo.copy("docker://" + seed.seedRef, "docker://" + privateRef, f.path());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (privateRegistry != null) {
            privateRegistry.close();
        }
        if (seed != null) {
            seed.close();
        }
    }

    @Override
    protected Fixture newFixture() {
        HostLayout layout = HostLayout.forSysroot(seed.base.resolve("sysroot"), seed.base.resolve("work"));
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(seed.registry.host(), privateRegistry.host()), 0);
        SeedImageAdapter adapter = new SeedImageAdapter(skopeo, layout);
        return new Fixture() {
            @Override
            public SeedImagePort port() {
                return adapter;
            }

            @Override
            public String publicSeed() {
                return seed.seedRef;
            }

            @Override
            public String publicSeedVersion() {
                return SharedSeed.VERSION;
            }

            @Override
            public io.vavr.collection.List<String> publicSeedArchitectures() {
                // SeedImageBuilder declares the building machine's architecture, as podman build does
                return io.vavr.collection.List.of(dev.ibu.adapters.host.seed.NodeArchitecture.fromHost(
                    ProcessRunner.local()).get());
            }

            @Override
            public String absentImage() {
                return seed.registry.host() + "/lab/absent:1";
            }

            @Override
            public Option<Tuple2<String, PullSecret>> privateSeed() {
                return Option.some(new Tuple2<>(privateRef, secret));
            }
        };
    }
}
