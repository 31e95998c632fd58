package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 10: the engine itself puts the reconcile id into the slf4j MDC (key reconcileID, as controller-runtime), so
 * that an embedder's log lines from the engine and the adapters carry it, and puts back what was there afterwards.
 */
class ReconcileIdTest {
    private final TestWorld world = TestWorld.fresh();
    private final List<String> seenByPorts = new ArrayList<>();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    private UpgradeEngine engine() {
        EnginePorts p = EngineHarness.ports(world);
        IbuResourcePort recording = new IbuResourcePort() {
            public Either<PortFailure, Option<ImageBasedUpgrade>> read() {
                seenByPorts.add(MDC.get(ReconcileCommand.MDC_KEY));
                return p.resource().read();
            }

            public Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade ibu) {
                return p.resource().create(ibu);
            }

            public Either<PortFailure, Void> delete() {
                return p.resource().delete();
            }

            public Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade ibu) {
                seenByPorts.add(MDC.get(ReconcileCommand.MDC_KEY));
                return p.resource().writeStatus(ibu);
            }

            public Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value) {
                return p.resource().setAnnotation(key, value);
            }
        };
        return new UpgradeEngine(new EnginePorts(recording, p.configMaps(), p.pullSecrets(), p.health(),
                p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(), p.precache(),
                p.reboot(), p.stateStore(), p.certificates(), p.events(), p.clock()));
    }

    @Test
    void every_port_call_of_a_reconcile_sees_its_id_and_the_mdc_is_clean_afterwards() {
        UpgradeEngine engine = engine();
        engine.initialize();
        seenByPorts.clear();
        engine.reconcile(ReconcileCommand.singleton("upgrade-7"));
        assertThat(seenByPorts).isNotEmpty().containsOnly("upgrade-7");
        assertThat(MDC.get(ReconcileCommand.MDC_KEY)).isNull();
    }

    @Test
    void a_blank_id_gets_a_fresh_one_per_call_and_start_up_has_one_too() {
        UpgradeEngine engine = engine();
        engine.initialize();
        assertThat(seenByPorts).isNotEmpty().doesNotContainNull();
        seenByPorts.clear();
        engine.reconcile(ReconcileCommand.singleton(""));
        String first = seenByPorts.get(0);
        assertThat(first).isNotBlank();
        seenByPorts.clear();
        engine.reconcile(ReconcileCommand.singleton(""));
        assertThat(seenByPorts.get(0)).isNotEqualTo(first);
    }

    @Test
    void the_callers_own_value_is_put_back() {
        MDC.put(ReconcileCommand.MDC_KEY, "outer");
        MDC.put("reconcile", "agent-key");
        engine().reconcile(ReconcileCommand.singleton("inner"));
        assertThat(seenByPorts).containsOnly("inner");
        assertThat(MDC.get(ReconcileCommand.MDC_KEY)).isEqualTo("outer");
        assertThat(MDC.get("reconcile")).as("the agent's own key is left alone").isEqualTo("agent-key");
    }
}
