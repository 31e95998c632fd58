package dev.ibu.adapters.k8s.contract;

import dev.ibu.adapters.k8s.clusterconfig.ClusterConfigAdapter;
import dev.ibu.adapters.k8s.clusterconfig.StrictClusterAccess;
import dev.ibu.ports.contract.ClusterConfigPortContractTest;
import dev.ibu.ports.out.ClusterConfigPort;
import org.junit.jupiter.api.AfterEach;

/** The shared ClusterConfigPort contract on the strict API server, as the agent's ServiceAccount. */
class ClusterConfigAdapterContractIT extends ClusterConfigPortContractTest {
    private StrictClusterAccess cluster;

    @AfterEach
    void close() {
        cluster.close();
    }

    @Override
    protected Fixture newFixture() {
        cluster = new StrictClusterAccess();
        ClusterConfigAdapter adapter = new ClusterConfigAdapter(cluster.agent());
        return new Fixture() {
            public ClusterConfigPort port() {
                return adapter;
            }

            public void remove(String object) {
                if (!object.equals(PULL_SECRET)) {
                    throw new IllegalArgumentException("this fixture removes only " + PULL_SECRET);
                }
                cluster.delete("v1", "Secret", "openshift-config", "pull-secret");
            }

            public void addSeedMirror(String name) {
                cluster.idms(name);
            }

            public boolean exists(String kind, String namespace, String name) {
                return cluster.exists(kind, namespace, name);
            }
        };
    }
}
