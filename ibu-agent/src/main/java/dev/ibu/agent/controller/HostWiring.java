package dev.ibu.agent.controller;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host adapters of a privileged pod with the node's "/" mounted at {@code --host} (upstream's layout), built
 * by the host module's own {@link HostAdapters} from {@link HostAdapterConfig#onNode}. Not exercised on a real
 * node by this project's tests; the adapters themselves are tested on temp sysroots and a loopback registry.
 */
final class HostWiring {
    private HostWiring() {
    }

    /** The host ports for {@code --host}, or null after telling {@code err} what is wrong. */
    static AgentWiring.HostPorts create(String host, PrintWriter err) {
        if ("none".equals(host)) {
            return AgentWiring.HostPorts.unavailable();
        }
        Path root = Path.of(host).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("sysroot"))) {
            err.println("--host=" + host + ": " + root.resolve("sysroot") + " does not exist: mount the node's root "
                    + "there (hostPath /), or use --host=none to run without host adapters");
            err.flush();
            return null;
        }
        HostAdapters h = new HostAdapters(HostAdapterConfig.onNode(root));
        return new AgentWiring.HostPorts(h.stateroots(), h.seedImages(), h.precache(), h.reboot(), h.stateStore(),
                h.certificates(), h.clusterConfigFiles(), "node root at " + root + " (HostAdapterConfig.onNode)");
    }
}
