package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.ClusterHealthPortContractTest;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.HealthCheckSet;

class InMemoryClusterHealthPortContractTest extends ClusterHealthPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        return new Fixture() {
            @Override
            public ClusterHealthPort port() {
                return cluster;
            }

            @Override
            public void breakMandatory() {
                cluster.setHealth(HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet ready: authentication");
            }

            @Override
            public void breakDeferred() {
                cluster.setHealth(HealthCheckSet.DEFERRED, "one or more csv not yet ready: oadp-operator.v1.3.1");
            }
        };
    }
}
