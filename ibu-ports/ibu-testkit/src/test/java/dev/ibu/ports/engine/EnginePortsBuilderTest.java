package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.testkit.TestWorld;
import dev.ibu.ports.testkit.TestWorldPortProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An embedder gives one port of its own; ServiceLoader finds the rest; nothing missing goes unnamed. */
class EnginePortsBuilderTest {
    private final TestWorld world = TestWorld.fresh();

    @Test
    void discovered_ports_fill_in_around_an_embedders_own_port() {
        List<String> events = new ArrayList<>();
        EventPort mine = (type, reason, message) -> events.add(reason);
        EnginePortsBuilder builder = new EnginePortsBuilder()
                .context(new PortContext(Map.of(), Map.of(TestWorld.class, world)))
                .discover(getClass().getClassLoader())
                .with(EventPort.class, mine);
        EnginePorts ports = builder.build();

        assertThat(ports.events()).isSameAs(mine);
        assertThat(ports.stateroots()).isSameAs(world.host());
        assertThat(builder.origins()).containsEntry(EventPort.class, "explicit")
                .containsEntry(StaterootPort.class, "test-world");

        UpgradeEngine engine = new UpgradeEngine(ports);
        engine.initialize();
        var first = engine.reconcile(dev.ibu.ports.in.ReconcileCommand.singleton("embedded"));
        assertThat(events).as(first.toString()).contains("TransitionAccepted");
        assertThat(world.cluster().currentIbu().status().conditions().find("Idle")).isNotEmpty();
    }

    @Test
    void missing_ports_are_named_with_the_fix() {
        assertThatThrownBy(() -> new EnginePortsBuilder().with(ClockPort.class, world.clock()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no implementation for IbuResourcePort, ConfigMapPort")
                .hasMessageContaining("META-INF/services/dev.ibu.ports.out.PortProvider")
                .hasMessageNotContaining("ClockPort");
        EnginePortsBuilder noClock = new EnginePortsBuilder()
                .context(new PortContext(Map.of(), Map.of(TestWorld.class, world)))
                .provider(new TestWorldPortProvider() {
                    @Override
                    public List<Class<?>> ports() {
                        return EnginePortsBuilder.PORTS.stream().filter(p -> p != ClockPort.class).toList();
                    }
                });
        noClock.build();
        assertThat(noClock.origins()).containsEntry(ClockPort.class, "system");
    }

    @Test
    void a_provider_without_its_context_provides_nothing() {
        assertThatThrownBy(() -> new EnginePortsBuilder().discover(getClass().getClassLoader()).build())
                .hasMessageContaining("no implementation for IbuResourcePort");
    }
}
