package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.StaterootPortContractTest;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;

class InMemoryStaterootPortContractTest extends StaterootPortContractTest {
    static final AutoRollbackConfig AUTO_ROLLBACK = new AutoRollbackConfig(true, 1800, true, true);

    @Override
    protected Fixture newFixture() {
        TestWorld world = TestWorld.fresh();
        return new Fixture() {
            @Override
            public StaterootPort port() {
                return world.host();
            }

            @Override
            public StaterootSetup setupThatSucceeds() {
                return new StaterootSetup(world.newStateroot(), world.seed().version(), world.seed().image(),
                        Option.none(), AUTO_ROLLBACK);
            }

            @Override
            public Option<StaterootSetup> setupThatFails() {
                return Option.some(new StaterootSetup("rhcos_4.16.0", "4.16.0", world.seed().image(), Option.none(),
                        AUTO_ROLLBACK));
            }

            @Override
            public void advance() {
                world.tick();
            }

            @Override
            public StaterootPort restartAgent() {
                world.restartAgent();
                return world.host();
            }

            @Override
            public io.vavr.collection.Set<String> staterootDirectories() {
                return world.host().staterootNames().toSet();
            }
        };
    }
}
