package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.state.StateStoreAdapter;
import dev.ibu.ports.contract.StateStorePortContractTest;
import dev.ibu.ports.out.StateStorePort;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared StateStorePort contract on real files in a temp sysroot. */
class StateStoreAdapterContractTest extends StateStorePortContractTest {

    @TempDir
    Path tmp;

    @Override
    protected Fixture newFixture() {
        StateStoreAdapter store = new StateStoreAdapter(HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("work")));
        return new Fixture() {
            @Override
            public StateStorePort port() {
                return store;
            }

            @Override
            public String stateroot() {
                return "rhcos_4.16.0";
            }

            @Override
            public String otherStateroot() {
                return "rhcos";
            }
        };
    }
}
