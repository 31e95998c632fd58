package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.PrecachePortContractTest;
import dev.ibu.ports.out.PrecachePort;
import io.vavr.collection.List;

class InMemoryPrecachePortContractTest extends PrecachePortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");
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
                return List.of("registry.example.com/app:1", "registry.example.com/app:2");
            }

            @Override
            public void advance() {
                host.tick();
            }
        };
    }
}
