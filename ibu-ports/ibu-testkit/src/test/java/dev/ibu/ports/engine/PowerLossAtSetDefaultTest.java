package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.domain.Stage;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Regression tests for what the crash suite found: the power goes out right after the engine made another stateroot
 * the default, so the node boots it before the engine took its next step.
 */
class PowerLossAtSetDefaultTest {
    static final String ORIGINAL = "rhcos_4.14.0";

    private final TestWorld world = TestWorld.fresh();
    private final boolean[] armed = {false};
    private final String[] target = {""};
    private final EngineHarness h = new EngineHarness(world, p -> new EnginePorts(p.resource(), p.configMaps(),
            p.pullSecrets(), p.health(), p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(),
            powerLossAfterSetDefault(p.stateroots()), p.precache(), p.reboot(), p.stateStore(), p.certificates(),
            p.events(), p.clock()));

    @Test
    void a_rollback_whose_set_default_is_followed_by_a_power_loss_still_completes_as_a_rollback() {
        upgraded();
        h.request(Stage.ROLLBACK);
        powerLossAtSetDefault(ORIGINAL);
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("RollbackCompleted True Completed \"Rollback completed\"");
        assertThat(h.ibu().spec().stage()).as("the administrator's request stands").isEqualTo(Stage.ROLLBACK);
    }

    @Test
    void a_pivot_whose_set_default_is_followed_by_a_power_loss_still_leaves_the_uncontrolled_rollback_copy() {
        prepared();
        h.request(Stage.UPGRADE);
        powerLossAtSetDefault(world.newStateroot());
        world.cluster().setHealth(HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet ready: etcd");
        assertThat(world.host().bootedStateroot()).isEqualTo(world.newStateroot());
        h.settle(3);  // post-pivot waits for health
        assertThat(world.host().savedIbu(ORIGINAL).map(Snapshot::last).getOrElse("none"))
                .as("the copy the pivot had no time to write")
                .isEqualTo("UpgradeInProgress False Failed \"Uncontrolled rollback\"");
        // the upgrade does not finish: the init monitor goes back, and the engine must not pivot again
        world.fireInitMonitor();
        h.restartAgent();
        world.cluster().setHealthy();
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        assertThat(world.host().rebootPending()).as("no second pivot").isFalse();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Rollback due to LCA Init "
                + "Monitor timeout, after 30m0s\"");
    }

    private void upgraded() {
        prepared();
        h.request(Stage.UPGRADE);
        h.settle();
        h.completeReboot();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeCompleted True Completed \"Upgrade completed\"");
    }

    private void prepared() {
        h.settle();
        world.requestPrep();
        h.settle();
        assertThat(Snapshot.last(h.ibu())).startsWith("PrepCompleted True Completed");
    }

    /** The engine runs until it sets {@code stateroot} the default; the power goes out; the node and agent start. */
    private void powerLossAtSetDefault(String stateroot) {
        target[0] = stateroot;
        armed[0] = true;
        assertThatThrownBy(h::settle).isInstanceOf(AgentKilled.class);
        world.powerCycle();
        h.restartAgent();
    }

    private StaterootPort powerLossAfterSetDefault(StaterootPort real) {
        return (StaterootPort) Proxy.newProxyInstance(StaterootPort.class.getClassLoader(),
                new Class<?>[] {StaterootPort.class}, (self, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (armed[0] && method.getName().equals("setDefault") && target[0].equals(args[0])) {
                        armed[0] = false;
                        throw new AgentKilled(CrashPlan.Mode.POWER_LOSS, "StaterootPort.setDefault(" + args[0] + ")");
                    }
                    return result;
                });
    }
}
