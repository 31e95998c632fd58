package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.domain.Stage;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Regression test for what the crash suite found: the agent dies after the automatic rollback recorded Upgrade
 * failed and before its reboot. The next agent must finish the rollback, not leave the node in the new stateroot.
 */
class AutoRollbackResumeTest {
    static final String ORIGINAL = "rhcos_4.14.0";
    static final dev.ibu.domain.ConfigMapRef OADP = new dev.ibu.domain.ConfigMapRef("oadp-cm", "openshift-adp");

    private final TestWorld world = TestWorld.fresh();
    private final boolean[] armed = {false};
    private final EngineHarness h = new EngineHarness(world, p -> new EnginePorts(p.resource(), p.configMaps(),
            p.pullSecrets(), p.health(), p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(),
            p.stateroots(), p.precache(), killedBeforeAReboot(p.reboot()), p.stateStore(), p.certificates(),
            p.events(), p.clock()));

    @Test
    void an_agent_killed_before_the_automatic_rollback_reboots_is_followed_by_one_that_reboots() {
        world.cluster().putConfigMap(OADP, dev.ibu.ports.contract.Samples.pairedOadpContent("apps", "apps"));
        h.settle();
        world.cluster().patchSpec(s -> new dev.ibu.domain.Spec(s.stage(), s.seedImageRef(),
                io.vavr.collection.List.of(OADP), io.vavr.collection.List.empty(), io.vavr.control.Option.none()));
        world.requestPrep();
        h.settle();
        world.velero().failRestore("apps");
        h.request(Stage.UPGRADE);
        h.settle();
        h.completeReboot();
        armed[0] = true;
        assertThatThrownBy(h::settle).isInstanceOf(AgentKilled.class);
        assertThat(Snapshot.last(h.ibu())).as("recorded before the agent died")
                .isEqualTo("UpgradeInProgress False Failed \"Failed restore CRs: apps\"");

        h.restartAgent();
        h.settle();
        assertThat(world.host().rebootPending()).as("the new agent finishes the rollback").isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(ORIGINAL);
        h.completeReboot();
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Rollback due to restore "
                + "failure: Failed restore CRs: apps\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
    }

    /** The agent dies right before it asks for a reboot (once, when armed). */
    private RebootPort killedBeforeAReboot(RebootPort real) {
        return (RebootPort) Proxy.newProxyInstance(RebootPort.class.getClassLoader(), new Class<?>[] {RebootPort.class},
                (self, method, args) -> {
                    if (armed[0] && method.getName().equals("reboot")) {
                        armed[0] = false;
                        throw new AgentKilled(CrashPlan.Mode.BEFORE, "RebootPort.reboot(" + args[0] + ")");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
