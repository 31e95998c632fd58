package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.PrecachePortContractTest;
import dev.ibu.ports.out.PrecachePort;
import io.vavr.collection.List;
import io.vavr.control.Option;

class InMemoryPrecachePortContractTest extends PrecachePortContractTest {
    static final String MISSING = "registry.example.com/missing:1";
    static final String FOREIGN = "registry.example.com/arm-only:1";

    @Override
    protected Fixture newFixture() {
        InMemoryRegistry registry = new InMemoryRegistry(new Faults()).manifestList(FOREIGN, "arm64", "s390x");
        InMemoryHost host = new InMemoryHost(new Faults(), new ManualClock(), Option.some(registry),
                InMemoryHost.DEFAULT_BOOTED).addStateroot("rhcos_4.15.2");
        host.precache().failImages(MISSING);
        return new Fixture() {
            @Override
            public PrecachePort port() {
                return host.precache();
            }

            @Override
            public String stateroot() {
                return "rhcos_4.15.2";
            }

            @Override
            public List<String> extraImages() {
                return List.of("registry.example.com/app:1", "registry.example.com/app:2",
                        "registry.example.com/app:3");
            }

            @Override
            public void advance() {
                host.tick();
            }

            @Override
            public PrecachePort restartAgent() {
                return host.agentRestarted().precache();
            }

            @Override
            public boolean stored(String image) {
                return host.precache().storedImages().contains(image);
            }

            @Override
            public int pulls(String image) {
                return host.precache().pulls(image);
            }

            @Override
            public Option<String> imageThatFails() {
                return Option.some(MISSING);
            }

            @Override
            public Option<String> imageWithoutNodeArchitecture() {
                return Option.some(FOREIGN);
            }
        };
    }
}
