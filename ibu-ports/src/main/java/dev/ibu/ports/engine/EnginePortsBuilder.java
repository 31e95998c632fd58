package dev.ibu.ports.engine;

import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
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
 * {@link #build} names every port nobody provides. The clock is resolved first (default {@link ClockPort#system()})
 * and shared with the providers in the {@link PortContext}.
 */
public final class EnginePortsBuilder {
    /** Every port the engine needs, in the order of {@link EnginePorts}' components. */
    public static final List<Class<?>> PORTS = List.of(IbuResourcePort.class, ConfigMapPort.class,
            PullSecretPort.class, ClusterHealthPort.class, ClusterInfoPort.class, ExtraManifestPort.class,
            BackupPort.class, SeedImagePort.class, StaterootPort.class, PrecachePort.class, RebootPort.class,
            StateStorePort.class, CertificatePort.class, EventPort.class, ClockPort.class);

    private final Map<Class<?>, Object> explicit = new LinkedHashMap<>();
    private final List<PortProvider> providers = new ArrayList<>();
    private final Map<Class<?>, String> origin = new LinkedHashMap<>();
    private PortContext context = new PortContext(Map.of(), Map.of());
    /** The context with the resolved clock, made once so that providers see one context per builder. */
    private Optional<PortContext> withClock = Optional.empty();

    public <T> EnginePortsBuilder with(Class<T> port, T implementation) {
        requireEnginePort(port);
        explicit.put(port, port.cast(implementation));
        withClock = Optional.empty();
        return this;
    }

    public EnginePortsBuilder context(PortContext c) {
        context = c;
        withClock = Optional.empty();
        return this;
    }

    public EnginePortsBuilder provider(PortProvider p) {
        providers.add(p);
        withClock = Optional.empty();
        return this;
    }

    /** Adds the providers {@code ServiceLoader} finds through {@code loader}. */
    public EnginePortsBuilder discover(ClassLoader loader) {
        ServiceLoader.load(PortProvider.class, loader).forEach(providers::add);
        withClock = Optional.empty();
        return this;
    }

    /** Where each port came from: {@code explicit}, a provider's name, or {@code system} (after {@link #build}). */
    public Map<Class<?>, String> origins() {
        return Map.copyOf(origin);
    }

    /**
     * One port by the rules of {@link #build}: the explicit one, else the highest-priority provider's; empty when
     * nobody provides it. For tools that need only a few ports (the agent's {@code cleanup}).
     */
    public <T> Optional<T> find(Class<T> port) {
        requireEnginePort(port);
        PortContext ctx = resolvedContext();
        return port == ClockPort.class ? ctx.shared(port) : resolve(port, ctx);
    }

    public EnginePorts build() {
        PortContext ctx = resolvedContext();
        ClockPort clock = ctx.shared(ClockPort.class).orElseThrow();
        Map<Class<?>, Object> found = new LinkedHashMap<>();
        found.put(ClockPort.class, clock);
        List<Class<?>> missing = new ArrayList<>();
        for (Class<?> port : PORTS) {
            if (port != ClockPort.class) {
                resolve(port, ctx).ifPresentOrElse(impl -> found.put(port, impl), () -> missing.add(port));
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
                (EventPort) found.get(EventPort.class), clock);
    }

    /**
     * The clock first, by the same rules, else the one shared in the context, else {@link ClockPort#system()}: it is
     * then shared with every provider, so
     * that adapters stamp events and backups with the engine's time.
     */
    private PortContext resolvedContext() {
        if (withClock.isEmpty()) {
            Optional<ClockPort> found = resolve(ClockPort.class, context);
            if (found.isEmpty()) {
                found = context.shared(ClockPort.class);
                origin.put(ClockPort.class, found.isPresent() ? "context" : "system");
            }
            ClockPort clock = found.orElseGet(ClockPort::system);
            Map<Class<?>, Object> shared = new LinkedHashMap<>(context.shared());
            shared.put(ClockPort.class, clock);
            withClock = Optional.of(new PortContext(context.settings(), shared));
        }
        return withClock.get();
    }

    private <T> Optional<T> resolve(Class<T> port, PortContext ctx) {
        if (explicit.containsKey(port)) {
            origin.put(port, "explicit");
            return Optional.of(port.cast(explicit.get(port)));
        }
        List<PortProvider> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparingInt(PortProvider::priority).reversed());
        for (PortProvider p : ordered) {
            if (p.ports().contains(port)) {
                Optional<T> impl = p.create(port, ctx);
                if (impl.isPresent()) {
                    origin.put(port, p.name());
                    return impl;
                }
            }
        }
        return Optional.empty();
    }

    private static void requireEnginePort(Class<?> port) {
        if (!PORTS.contains(port)) {
            throw new IllegalArgumentException(port.getName() + " is not an engine port; use one of " + names(PORTS));
        }
    }

    private static String names(List<Class<?>> ports) {
        List<String> n = new ArrayList<>();
        ports.forEach(p -> n.add(p.getSimpleName()));
        return String.join(", ", n);
    }
}
