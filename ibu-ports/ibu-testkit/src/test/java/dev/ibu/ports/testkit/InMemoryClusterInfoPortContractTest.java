package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.ClusterInfoPortContractTest;
import dev.ibu.ports.out.ClusterInfoPort;

class InMemoryClusterInfoPortContractTest extends ClusterInfoPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults()).setVersion("4.14.7");
        return new Fixture() {
            @Override
            public ClusterInfoPort port() {
                return cluster;
            }

            @Override
            public String desiredVersion() {
                return "4.14.7";
            }
        };
    }
}
