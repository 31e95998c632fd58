package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.contract.ConfigMapPortContractTest;
import dev.ibu.ports.out.ConfigMapPort;

import java.util.Map;

class InMemoryConfigMapPortContractTest extends ConfigMapPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        return new Fixture() {
            @Override
            public ConfigMapPort port() {
                return cluster;
            }

            @Override
            public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                cluster.putConfigMap(ref, data);
            }
        };
    }
}
