package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.config.ClusterConfigFilesAdapter;
import dev.ibu.adapters.host.config.NodeTree;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.ports.contract.ClusterConfigFilesPortContractTest;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.NodeConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared ClusterConfigFilesPort contract on a real ostree sysroot: the installed stateroot {@code rhcos} and a new
 * one made by {@code ostree admin os-init}, as stateroot setup makes it before extracting the seed's var.
 */
class ClusterConfigFilesAdapterContractIT extends ClusterConfigFilesPortContractTest {
    static final String NEW = "rhcos_4.16.0";

    @TempDir
    Path tmp;
    private LabSysroot sys;

    @AfterEach
    void close() throws IOException {
        if (sys != null) {
            sys.close();
        }
    }

    @Override
    protected Fixture newFixture() {
        RequireHostTools.requireOstree();
        try {
            sys = new LabSysroot(tmp.resolve("lab"));
            sys.installOriginal("rhcos");
            ProcessRunner.local().runOk("ostree", "admin", "os-init", "--sysroot=" + sys.path(), NEW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path nodeRoot = tmp.resolve("node");
        ClusterConfigFilesAdapter adapter = new ClusterConfigFilesAdapter(sys.layout(), nodeRoot);
        return new Fixture() {
            @Override
            public ClusterConfigFilesPort port() {
                return adapter;
            }

            @Override
            public String stateroot() {
                return NEW;
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
