package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.config.ClusterConfigFilesAdapter;
import dev.ibu.adapters.host.config.NodeTree;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.contract.ClusterConfigFilesPortContractTest;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.NodeConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared ClusterConfigFilesPort contract on real files: a node root and a sysroot with two stateroots. */
class ClusterConfigFilesAdapterContractTest extends ClusterConfigFilesPortContractTest {

    @TempDir
    Path tmp;

    @Override
    protected Fixture newFixture() {
        HostLayout layout = HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("work"));
        try {
            Files.createDirectories(layout.staterootVar("rhcos_4.16.0"));
            Files.createDirectories(layout.staterootVar("rhcos"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path nodeRoot = tmp.resolve("node");
        ClusterConfigFilesAdapter adapter = new ClusterConfigFilesAdapter(layout, nodeRoot);
        return new Fixture() {
            @Override
            public ClusterConfigFilesPort port() {
                return adapter;
            }

            @Override
            public String stateroot() {
                return "rhcos_4.16.0";
            }

            @Override
            public String otherStateroot() {
                return "rhcos";
            }

            @Override
            public void nodeHas(NodeConfiguration node) {
                NodeTree.write(nodeRoot, node);
            }
        };
    }
}
