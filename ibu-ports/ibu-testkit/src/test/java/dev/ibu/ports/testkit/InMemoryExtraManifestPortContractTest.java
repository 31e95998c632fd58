package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.contract.ExtraManifestPortContractTest;
import dev.ibu.ports.out.ExtraManifestPort;

import java.util.Map;

class InMemoryExtraManifestPortContractTest extends ExtraManifestPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        return new Fixture() {
            @Override
            public ExtraManifestPort port() {
                return cluster;
            }

            @Override
            public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                cluster.putConfigMap(ref, data);
            }
        };
    }
}
