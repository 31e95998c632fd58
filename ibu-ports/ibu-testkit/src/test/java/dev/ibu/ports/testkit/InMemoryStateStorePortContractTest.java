package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.StateStorePortContractTest;
import dev.ibu.ports.out.StateStorePort;

class InMemoryStateStorePortContractTest extends StateStorePortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");
        return new Fixture() {
            @Override
            public StateStorePort port() {
                return host;
            }

            @Override
            public String stateroot() {
                return InMemoryHost.DEFAULT_BOOTED;
            }

            @Override
            public String otherStateroot() {
                return "rhcos_4.15.2";
            }
        };
    }
}
