package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.contract.BackupPortContractTest;
import dev.ibu.ports.out.BackupPort;

import java.util.Map;

class InMemoryBackupPortContractTest extends BackupPortContractTest {
    @Override
    protected Fixture newFixture() {
        TestWorld world = TestWorld.fresh();
        return new Fixture() {
            @Override
            public BackupPort port() {
                return world.velero();
            }

            @Override
            public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                world.cluster().putConfigMap(ref, data);
            }

            @Override
            public void advance() {
                world.tick();
            }

            @Override
            public void failBackup(String name) {
                world.velero().failBackup(name);
            }
        };
    }
}
