package dev.ibu.ports.engine;

import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.testkit.TestWorld;

import java.util.List;
import java.util.Optional;

/** A provider found by ServiceLoader in this module's tests: every port from the TestWorld shared in the context. */
public class TestWorldPortProvider implements PortProvider {
    @Override
    public String name() {
        return "test-world";
    }

    @Override
    public List<Class<?>> ports() {
        return EnginePortsBuilder.PORTS;
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return context.shared(TestWorld.class).map(EngineHarness::ports).map(p -> {
            for (var c : p.getClass().getRecordComponents()) {
                if (c.getType().equals(port)) {
                    try {
                        return port.cast(c.getAccessor().invoke(p));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            throw new IllegalArgumentException("not a port: " + port);
        });
    }
}
