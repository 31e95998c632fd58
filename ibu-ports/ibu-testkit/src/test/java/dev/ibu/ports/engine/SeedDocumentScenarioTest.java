package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The seed document's three {@code oc get ibu -o yaml} outputs, reproduced by driving the engine exactly as the
 * document does (patch spec.stage, watch status): condition types, status, reasons, messages, order,
 * observedGeneration and validNextStages.
 */
class SeedDocumentScenarioTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm-example", "openshift-adp");
    static final ConfigMapRef EXTRA = new ConfigMapRef("example-extra-manifests-cm", "openshift-lifecycle-agent");

    private final TestWorld world = TestWorld.fresh();
    private EngineHarness h;

    private void setUpCluster() {
        world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apache-app", "apache-app"));
        world.cluster().putConfigMap(EXTRA, Map.of("cm.yaml", Samples.configMapYaml("app-config", "default", "")));
        h = new EngineHarness(world);
        h.settle();
    }

    /** Edits while Idle (allowed by the CEL rules) until the next spec change gets generation {@code target}. */
    private void editUntilGeneration(long target) {
        while (h.ibu().generation() < target - 1) {
            world.cluster().patchSpec(s -> new Spec(s.stage(), world.seedImageRef(), List.of(OADP), List.of(EXTRA),
                    s.autoRollbackOnFailure().isDefined() ? Option.none()
                            : Option.some(new dev.ibu.domain.AutoRollbackOnFailure(0))));
        }
    }

    @Test
    void prep_completed_output_15_3_1() {
        setUpCluster();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        editUntilGeneration(13);
        h.request(Stage.PREP);
        h.settle();

        ImageBasedUpgrade ibu = h.ibu();
        assertThat(Snapshot.conditions(ibu)).containsExactly(
                "Idle False InProgress \"In progress\"",
                "PrepInProgress False Completed \"Prep completed\"",
                "PrepCompleted True Completed \"Prep stage completed successfully\"");
        assertThat(ibu.status().conditions().items().map(c -> c.observedGeneration())).containsOnly(13L);
        assertThat(ibu.status().observedGeneration()).isEqualTo(13);
        assertThat(Snapshot.validNextStages(ibu)).containsExactly("Idle", "Upgrade");
    }

    @Test
    void upgrade_outputs_15_3_2_post_pivot_waiting_then_completed_then_finalized() {
        setUpCluster();
        editUntilGeneration(5);
        h.request(Stage.PREP);
        h.settle();
        assertThat(h.ibu().generation()).isEqualTo(5);

        h.request(Stage.UPGRADE);
        h.settle();
        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo(world.newStateroot());

        // the node comes back in the new stateroot, not yet healthy
        world.cluster().setHealth(HealthCheckSet.MANDATORY,
                "one or more ClusterOperators not yet ready: authentication",
                "one or more MachineConfigPools not yet ready: master",
                "one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0");
        h.completeReboot();
        h.reconcile();

        ImageBasedUpgrade waiting = h.ibu();
        assertThat(Snapshot.conditions(waiting)).containsExactly(
                "Idle False InProgress \"In progress\"",
                "PrepInProgress False Completed \"Prep completed\"",
                "PrepCompleted True Completed \"Prep stage completed successfully\"",
                "UpgradeInProgress True InProgress \"Waiting for system to stabilize: one or more health checks failed\n"
                        + "  - one or more ClusterOperators not yet ready: authentication\n"
                        + "  - one or more MachineConfigPools not yet ready: master\n"
                        + "  - one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0\"");
        assertThat(waiting.status().conditions().items().map(c -> c.observedGeneration()))
                .containsExactly(5L, 5L, 5L, 1L);
        assertThat(waiting.status().observedGeneration()).isEqualTo(1);
        assertThat(waiting.status().rollbackAvailabilityExpiration()).isNotEmpty();
        assertThat(Snapshot.validNextStages(waiting)).containsExactly("Rollback");

        world.cluster().setHealthy();
        h.settle();
        ImageBasedUpgrade done = h.ibu();
        assertThat(Snapshot.conditions(done)).containsExactly(
                "Idle False InProgress \"In progress\"",
                "PrepInProgress False Completed \"Prep completed\"",
                "PrepCompleted True Completed \"Prep stage completed successfully\"",
                "UpgradeInProgress False Completed \"Upgrade completed\"",
                "UpgradeCompleted True Completed \"Upgrade completed\"");
        assertThat(done.status().conditions().items().map(c -> c.observedGeneration()))
                .containsExactly(5L, 5L, 5L, 1L, 1L);
        assertThat(done.status().observedGeneration()).isEqualTo(1);
        assertThat(done.status().rollbackAvailabilityExpiration()).isNotEmpty();
        assertThat(Snapshot.validNextStages(done)).containsExactly("Idle", "Rollback");
        assertThat(world.velero().restorePhases().get("apache-app")).contains("Completed");
        assertThat(world.velero().violations()).isEmpty();

        h.request(Stage.IDLE);
        h.settle();
        ImageBasedUpgrade idle = h.ibu();
        assertThat(Snapshot.conditions(idle)).containsExactly("Idle True Idle \"Idle\"");
        assertThat(Snapshot.validNextStages(idle)).containsExactly("Prep");
        assertThat(idle.status().history()).isEmpty();
        assertThat(idle.status().rollbackAvailabilityExpiration()).isEmpty();
        assertThat(world.host().staterootNames()).containsExactly(world.newStateroot());
    }

    @Test
    void rollback_15_3_3_returns_to_the_original_stateroot_then_finalizes() {
        setUpCluster();
        world.requestPrep();
        h.settle();
        h.request(Stage.UPGRADE);
        h.settle();
        h.completeReboot();
        h.settle();
        String original = TestWorld.DEFAULT_CLUSTER_VERSION;

        h.request(Stage.ROLLBACK);
        h.settle();
        assertThat(world.host().rebootPending()).isTrue();
        h.completeReboot();
        h.settle();
        assertThat(world.host().bootedStateroot()).isEqualTo("rhcos_" + original);
        assertThat(Snapshot.last(h.ibu())).isEqualTo("RollbackCompleted True Completed \"Rollback completed\"");
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");

        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.conditions(h.ibu())).containsExactly("Idle True Idle \"Idle\"");
        assertThat(world.host().staterootNames()).containsExactly("rhcos_" + original);
    }
}
