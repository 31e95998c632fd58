package dev.ibu.ports.testkit;

import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.IbuResourcePortContractTest;
import dev.ibu.ports.out.IbuResourcePort;

class InMemoryIbuResourcePortContractTest extends IbuResourcePortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        return new Fixture() {
            @Override
            public IbuResourcePort port() {
                return cluster;
            }

            @Override
            public void userPatchesSpecStage(Stage stage) {
                cluster.patchSpecStage(stage);
            }
        };
    }
}
