package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.SeedImagePortContractTest;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImagePort;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Option;

class InMemorySeedImagePortContractTest extends SeedImagePortContractTest {
    static final String AUTH = "{\"auths\":{\"registry.example.com\":{\"auth\":\"c2VlZDpzZWNyZXQ=\"}}}";

    @Override
    protected Fixture newFixture() {
        InMemoryRegistry registry = new InMemoryRegistry(new Faults())
                .push(Seed.of("quay.io/openshift-kni/seed:4.15.2", "4.15.2"))
                .push(Seed.of("registry.example.com/private/seed:4.15.2", "4.15.2").requiringAuth(AUTH));
        return new Fixture() {
            @Override
            public SeedImagePort port() {
                return registry;
            }

            @Override
            public String publicSeed() {
                return "quay.io/openshift-kni/seed:4.15.2";
            }

            @Override
            public String publicSeedVersion() {
                return "4.15.2";
            }

            @Override
            public io.vavr.collection.List<String> publicSeedArchitectures() {
                return io.vavr.collection.List.of("amd64");
            }

            @Override
            public String absentImage() {
                return "quay.io/openshift-kni/seed:9.9.9";
            }

            @Override
            public Option<Tuple2<String, PullSecret>> privateSeed() {
                return Option.some(Tuple.of("registry.example.com/private/seed:4.15.2",
                        new PullSecret("seed-pull-secret", AUTH)));
            }
        };
    }
}
