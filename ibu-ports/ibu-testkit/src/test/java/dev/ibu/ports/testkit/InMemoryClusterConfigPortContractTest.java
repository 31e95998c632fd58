package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.ClusterConfigPortContractTest;
import dev.ibu.ports.out.ClusterConfigPort;

class InMemoryClusterConfigPortContractTest extends ClusterConfigPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryClusterConfiguration c = new InMemoryCluster(new Faults()).configuration();
        return new Fixture() {
            public ClusterConfigPort port() {
                return c;
            }

            public void remove(String object) {
                c.remove(object);
            }

            public void addSeedMirror(String name) {
                c.addObject("ImageDigestMirrorSet/" + name);
            }

            public boolean exists(String kind, String namespace, String name) {
                return c.exists(kind + "/" + name);
            }
        };
    }
}
