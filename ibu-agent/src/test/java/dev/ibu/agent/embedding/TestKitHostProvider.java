package dev.ibu.agent.embedding;

import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.testkit.TestWorld;

import java.util.List;
import java.util.Optional;

/**
 * An adapter jar as the embedding test sees it: the in-memory host (and the cluster version, which the mock API server
 * lacks) of a shared {@link TestWorld}, registered in this module's test META-INF/services with priority over the
 * real host provider, which needs a node.
 */
public final class TestKitHostProvider implements PortProvider {
    @Override
    public String name() {
        return "test-kit-host";
    }

    @Override
    public List<Class<?>> ports() {
        return List.of(StaterootPort.class, SeedImagePort.class, PrecachePort.class, RebootPort.class,
                StateStorePort.class, CertificatePort.class, ClusterInfoPort.class,
                dev.ibu.ports.out.ClusterConfigFilesPort.class);
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return context.shared(TestWorld.class).map(w -> port.cast(pick(port, w)));
    }

    private static Object pick(Class<?> port, TestWorld w) {
        if (port == SeedImagePort.class) {
            return w.registry();
        }
        if (port == PrecachePort.class) {
            return w.precache();
        }
        if (port == ClusterInfoPort.class) {
            return w.cluster();
        }
        if (port == dev.ibu.ports.out.ClusterConfigFilesPort.class) {
            return w.configFiles();
        }
        return w.host();
    }
}
