package dev.ibu.ports.testkit;

import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Every engine port from the {@link TestWorld} shared in the {@link PortContext} ({@link TestWorld#ports()}), found
 * by ServiceLoader when this artifact is on the (test) class path. Without a shared world it provides nothing. Its
 * priority is the lowest, so real adapters and ports given with {@code EnginePortsBuilder.with} win: the world fills
 * in whatever else the engine needs.
 */
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
    public int priority() {
        return -100;
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return context.shared(TestWorld.class).map(world -> port.cast(component(world.ports(), port)));
    }

    private static Object component(EnginePorts ports, Class<?> port) {
        for (RecordComponent c : EnginePorts.class.getRecordComponents()) {
            if (c.getType().equals(port)) {
                try {
                    return c.getAccessor().invoke(ports);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + ports, e);
                }
            }
        }
        throw new IllegalArgumentException(port.getName() + " is not an engine port");
    }
}
