package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.ClusterConfigFilesPortContractTest;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.NodeConfiguration;

class InMemoryClusterConfigFilesPortContractTest extends ClusterConfigFilesPortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");
        return new Fixture() {
            public ClusterConfigFilesPort port() {
                return host.configFiles();
            }

            public String stateroot() {
                return "rhcos_4.15.2";
            }

            public String otherStateroot() {
                return InMemoryHost.DEFAULT_BOOTED;
            }

            public void nodeHas(NodeConfiguration node) {
                host.configFiles().setNode(node);
            }
        };
    }
}
