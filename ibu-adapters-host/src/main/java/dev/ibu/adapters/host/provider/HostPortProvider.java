package dev.ibu.adapters.host.provider;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host-facing ports, found by ServiceLoader: with setting {@code host.root} (the host's root as mounted in the
 * agent's container, e.g. {@code /host}), or a shared {@link HostAdapters} the embedder built itself. Without
 * either it provides nothing, so that an embedder without host access learns which ports are missing.
 */
public final class HostPortProvider implements PortProvider {
    public static final String HOST_ROOT = "host.root";

    @Override
    public String name() {
        return "host";
    }

    @Override
    public List<Class<?>> ports() {
        return List.of(StaterootPort.class, SeedImagePort.class, PrecachePort.class, RebootPort.class,
                StateStorePort.class, CertificatePort.class, ClusterConfigFilesPort.class);
    }

    private PortContext builtFor;
    private HostAdapters built;

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return hostFor(context).map(h -> port.cast(pick(port, h)));
    }

    /** One HostAdapters per context: the ports share their job records and process runner. */
    private synchronized Optional<HostAdapters> hostFor(PortContext context) {
        Optional<HostAdapters> shared = context.shared(HostAdapters.class);
        if (shared.isPresent() || context.setting(HOST_ROOT).isEmpty()) {
            return shared;
        }
        if (builtFor != context) {
            built = new HostAdapters(HostAdapterConfig.onNode(Path.of(context.setting(HOST_ROOT).get())));
            builtFor = context;
        }
        return Optional.of(built);
    }

    private static Object pick(Class<?> port, HostAdapters h) {
        if (port == StaterootPort.class) {
            return h.stateroots();
        }
        if (port == SeedImagePort.class) {
            return h.seedImages();
        }
        if (port == PrecachePort.class) {
            return h.precache();
        }
        if (port == RebootPort.class) {
            return h.reboot();
        }
        if (port == StateStorePort.class) {
            return h.stateStore();
        }
        if (port == CertificatePort.class) {
            return h.certificates();
        }
        if (port == ClusterConfigFilesPort.class) {
            return h.clusterConfigFiles();
        }
        throw new IllegalArgumentException("host does not provide " + port.getName());
    }
}
