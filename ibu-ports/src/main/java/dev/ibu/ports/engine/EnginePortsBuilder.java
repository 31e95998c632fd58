package dev.ibu.ports.engine;

import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PullSecretPort;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Assembles {@link EnginePorts}: ports given with {@link #with} win; every other port comes from the
 * {@link PortProvider}s found on the class path (or given with {@link #provider}), the highest priority first.
 * {@link #build} names every port nobody provides.
 */
public final class EnginePortsBuilder {
    /** Every port the engine needs, in the order of {@link EnginePorts}' components. */
    public static final List<Class<?>> PORTS = List.of(IbuResourcePort.class, ConfigMapPort.class,
            PullSecretPort.class, ClusterHealthPort.class, ClusterInfoPort.class, ExtraManifestPort.class,
            BackupPort.class, SeedImagePort.class, StaterootPort.class, PrecachePort.class, RebootPort.class,
            StateStorePort.class, CertificatePort.class, EventPort.class, ClockPort.class, ClusterConfigPort.class,
            ClusterConfigFilesPort.class);

    private final Map<Class<?>, Object> explicit = new LinkedHashMap<>();
    private final List<PortProvider> providers = new ArrayList<>();
    private final Map<Class<?>, String> origin = new LinkedHashMap<>();
    private PortContext context = new PortContext(Map.of(), Map.of());

    public <T> EnginePortsBuilder with(Class<T> port, T implementation) {
        if (!PORTS.contains(port)) {
            throw new IllegalArgumentException(port.getName() + " is not an engine port; use one of " + names(PORTS));
        }
        explicit.put(port, port.cast(implementation));
        return this;
    }

    public EnginePortsBuilder context(PortContext c) {
        context = c;
        return this;
    }

    public EnginePortsBuilder provider(PortProvider p) {
        providers.add(p);
        return this;
    }

    /** Adds the providers {@code ServiceLoader} finds through {@code loader}. */
    public EnginePortsBuilder discover(ClassLoader loader) {
        ServiceLoader.load(PortProvider.class, loader).forEach(providers::add);
        return this;
    }

    /** Where each port came from: {@code explicit} or a provider's name (after {@link #build}). */
    public Map<Class<?>, String> origins() {
        return Map.copyOf(origin);
    }

    public EnginePorts build() {
        Map<Class<?>, Object> found = new LinkedHashMap<>();
        List<Class<?>> missing = new ArrayList<>();
        List<PortProvider> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparingInt(PortProvider::priority).reversed());
        for (Class<?> port : PORTS) {
            Optional<?> impl = Optional.ofNullable(explicit.get(port));
            String from = "explicit";
            for (int i = 0; impl.isEmpty() && i < ordered.size(); i++) {
                PortProvider p = ordered.get(i);
                if (p.ports().contains(port)) {
                    impl = p.create(port, context);
                    from = p.name();
                }
            }
            if (impl.isEmpty() && port == ClockPort.class) {
                impl = Optional.of((ClockPort) java.time.Instant::now);  // the only port with a sensible default
                from = "system";
            }
            if (impl.isPresent()) {
                found.put(port, impl.get());
                origin.put(port, from);
            } else {
                missing.add(port);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no implementation for " + names(missing) + ": put an adapter jar that "
                    + "provides it on the class path (META-INF/services/" + PortProvider.class.getName()
                    + ") or pass one with EnginePortsBuilder.with(...)");
        }
        return new EnginePorts((IbuResourcePort) found.get(IbuResourcePort.class),
                (ConfigMapPort) found.get(ConfigMapPort.class), (PullSecretPort) found.get(PullSecretPort.class),
                (ClusterHealthPort) found.get(ClusterHealthPort.class),
                (ClusterInfoPort) found.get(ClusterInfoPort.class),
                (ExtraManifestPort) found.get(ExtraManifestPort.class), (BackupPort) found.get(BackupPort.class),
                (SeedImagePort) found.get(SeedImagePort.class), (StaterootPort) found.get(StaterootPort.class),
                (PrecachePort) found.get(PrecachePort.class), (RebootPort) found.get(RebootPort.class),
                (StateStorePort) found.get(StateStorePort.class), (CertificatePort) found.get(CertificatePort.class),
                (EventPort) found.get(EventPort.class), (ClockPort) found.get(ClockPort.class),
                (ClusterConfigPort) found.get(ClusterConfigPort.class),
                (ClusterConfigFilesPort) found.get(ClusterConfigFilesPort.class));
    }

    private static String names(List<Class<?>> ports) {
        List<String> n = new ArrayList<>();
        ports.forEach(p -> n.add(p.getSimpleName()));
        return String.join(", ", n);
    }
}
