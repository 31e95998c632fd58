package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.PullSecretPortContractTest;
import dev.ibu.ports.out.PullSecretPort;

class InMemoryPullSecretPortContractTest extends PullSecretPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        return new Fixture() {
            @Override
            public PullSecretPort port() {
                return cluster;
            }

            @Override
            public void putPullSecret(String name, String dockerConfigJson) {
                cluster.putPullSecret(name, dockerConfigJson);
            }
        };
    }
}
