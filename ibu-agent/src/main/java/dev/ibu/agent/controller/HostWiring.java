package dev.ibu.agent.controller;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host side of {@code run}'s wiring: {@code --host=DIR} is a privileged pod with the node's "/" mounted there
 * (upstream's layout), driven by the host module's {@link HostAdapters} from {@link HostAdapterConfig#onNode};
 * {@code --host=none} leaves the host ports to {@link UnavailableHost}. Not exercised on a real node by this
 * project's tests; the adapters themselves are tested on temp sysroots and a loopback registry.
 */
final class HostWiring {
    static final String NONE = "none";

    private HostWiring() {
    }

    /** The host adapters for {@code --host} (none for {@code none}), or what is wrong with it and the fix. */
    static Either<String, Optional<HostAdapters>> open(String host) {
        if (NONE.equals(host)) {
            return Either.right(Optional.empty());
        }
        Path root = Path.of(host).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("sysroot"))) {
            return Either.left("--host=" + host + ": " + root.resolve("sysroot") + " does not exist: mount the node's "
                    + "root there (hostPath /), or use --host=none to run without host adapters");
        }
        return Either.right(Optional.of(new HostAdapters(HostAdapterConfig.onNode(root))));
    }

    /** {@code run}'s ports: the agent's builder, with {@link UnavailableHost} when there is no host. */
    static EnginePortsBuilder ports(KubernetesClient client, String namespace, Optional<HostAdapters> host) {
        EnginePortsBuilder ports = AgentPorts.builder(Optional.of(client), namespace, host);
        return host.isPresent() ? ports : ports.provider(UnavailableHost.provider());
    }
}
