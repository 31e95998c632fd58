package dev.ibu.ports.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.ClusterConfigPortContractTest;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster configuration carried across the pivot (oadp-and-manifests.md §4): written into the new stateroot
 * before the reboot, applied after it before anything else, a missing required source failing the upgrade before
 * the pivot and a refused manifest after it rolling back.
 */
class ClusterConfigCarriedOverTest {
    static final String ORIGINAL = "rhcos_4.14.0";

    private final TestWorld world = TestWorld.fresh();
    private final EngineHarness h = new EngineHarness(world);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        h.settle();
    }

    @AfterEach
    void noSecretWasLogged() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain("c2VjcmV0LXB1bGw=").doesNotContain("MIIsecret-signer")
                    .doesNotContain("hostkey").doesNotContain("$2a$10$kubeadminhash");
        }
    }

    private void upgradeUntilTheReboot() {
        world.requestPrep();
        h.settle();
        h.request(Stage.UPGRADE);
        h.settle();
    }

    @Test
    void the_cluster_and_node_configuration_is_in_the_new_stateroot_before_the_reboot() {
        upgradeUntilTheReboot();

        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        ClusterConfiguration saved = world.configFiles().saved(world.newStateroot()).get();
        assertThat(saved).isEqualTo(ClusterConfigSamples.fromCluster().withNode(ClusterConfigSamples.node()));
        assertThat(saved.seedReconfiguration().sshKey()).isEqualTo(ClusterConfigSamples.SSH_KEY);
        assertThat(saved.networkConnections().keySet().toJavaSet()).containsExactly("br-ex.nmconnection");
        assertThat(world.configFiles().saved(ORIGINAL)).isEqualTo(Option.none());
        assertThat(world.cluster().ibuVersions().map(i -> i.status().conditions().items()
                .map(c -> c.message()).mkString("|"))).anyMatch(m -> m.contains(Messages.EXPORTING_CLUSTER_CONFIG));
    }

    @Test
    void after_the_pivot_the_manifests_are_applied_once_then_discarded_and_the_upgrade_completes() {
        world.clusterConfig().addObject("ImageDigestMirrorSet/seed-mirror");
        upgradeUntilTheReboot();
        h.completeReboot();
        h.settle();

        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeCompleted True Completed \"Upgrade completed\"");
        assertThat(world.clusterConfig().applied()).containsExactly("MachineConfig/99-master-ssh",
                "MachineConfig/99-worker-ssh", "ImageDigestMirrorSet/mirror");
        assertThat(world.clusterConfig().exists("ImageDigestMirrorSet/seed-mirror")).isFalse();
        assertThat(world.clusterConfig().seedMirrorDeletions()).isEqualTo(1);
        assertThat(world.configFiles().saved(world.newStateroot())).isEqualTo(Option.none());
    }

    @Test
    void the_manifests_are_applied_before_waiting_for_health() {
        upgradeUntilTheReboot();
        h.completeReboot();
        world.cluster().setHealth(dev.ibu.ports.out.HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet "
                + "ready: authentication");
        h.reconcile();

        assertThat(world.clusterConfig().applied()).contains("ImageDigestMirrorSet/mirror");
        assertThat(Snapshot.last(h.ibu())).contains("Waiting for system to stabilize");
    }

    @Test
    void a_missing_pull_secret_fails_prep_naming_it_before_the_stateroot_is_set_up() {
        world.clusterConfig().remove(ClusterConfigPortContractTest.PULL_SECRET);
        world.requestPrep();
        h.settle();

        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: the "
                + "cluster configuration cannot be carried over: Secret openshift-config/pull-secret not found");
        assertThat(world.host().staterootNames()).containsExactly(ORIGINAL);
    }

    @Test
    void a_pull_secret_deleted_after_prep_fails_the_upgrade_before_the_pivot_naming_it() {
        world.requestPrep();
        h.settle();
        world.clusterConfig().remove(ClusterConfigPortContractTest.PULL_SECRET);
        h.request(Stage.UPGRADE);
        h.settle();

        assertThat(world.host().rebootPending()).isFalse();
        assertThat(Snapshot.last(h.ibu())).startsWith("UpgradeInProgress False Failed \"error while fetching cluster "
                + "configuration: Secret openshift-config/pull-secret not found");
        assertThat(world.host().defaultStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.validNextStages(h.ibu())).containsExactly("Idle");
    }

    @Test
    void a_node_without_the_core_ssh_key_fails_prep_naming_the_file() {
        world.configFiles().setNode(new NodeConfiguration("", List.empty(), "", LinkedHashMap.empty(),
                Option.none()));
        world.requestPrep();
        h.settle();

        assertThat(Snapshot.last(h.ibu())).startsWith("PrepInProgress False Failed \"failed to validate IBU spec: the "
                + "cluster configuration cannot be carried over: failed to read sshKey: "
                + "/home/core/.ssh/authorized_keys.d/ignition does not exist");
    }

    @Test
    void an_ssh_key_lost_after_prep_fails_the_upgrade_before_the_pivot_naming_the_file() {
        world.requestPrep();
        h.settle();
        world.configFiles().setNode(new NodeConfiguration("", List.empty(), "", LinkedHashMap.empty(),
                Option.none()));
        h.request(Stage.UPGRADE);
        h.settle();

        assertThat(world.host().rebootPending()).isFalse();
        assertThat(Snapshot.last(h.ibu())).startsWith("UpgradeInProgress False Failed \"error while fetching cluster "
                + "configuration: failed to read sshKey: /home/core/.ssh/authorized_keys.d/ignition does not exist");
    }

    @Test
    void a_transient_gather_failure_is_retried_and_the_upgrade_goes_on() {
        world.faults().failOnce(Op.CLUSTER_CONFIG_GATHER, PortFailure.transientFailure("API server unreachable"));
        upgradeUntilTheReboot();

        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        assertThat(world.faults().failures(Op.CLUSTER_CONFIG_GATHER)).isEqualTo(1);
    }

    @Test
    void a_refused_manifest_after_the_pivot_rolls_back_automatically() {
        world.clusterConfig().refuse("ImageDigestMirrorSet/mirror");
        upgradeUntilTheReboot();
        h.completeReboot();
        h.settle();
        assertThat(world.host().rebootPending()).as(Snapshot.all(h.ibu())).isTrue();
        h.completeReboot();
        h.settle();

        assertThat(world.host().bootedStateroot()).isEqualTo(ORIGINAL);
        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeInProgress False Failed \"Rollback due to postpivot "
                + "failure: failed apply manifests: failed to create manifest ImageDigestMirrorSet called mirror: "
                + "admission refused it (file image-digest-mirror-set.json item 1)\"");
    }

    @Test
    void a_transient_apply_failure_is_retried_and_the_upgrade_completes() {
        world.faults().failOnce(Op.CLUSTER_CONFIG_APPLY, PortFailure.transientFailure("API server unreachable"));
        upgradeUntilTheReboot();
        h.completeReboot();
        h.settle();

        assertThat(Snapshot.last(h.ibu())).isEqualTo("UpgradeCompleted True Completed \"Upgrade completed\"");
        assertThat(world.clusterConfig().applied()).endsWith("ImageDigestMirrorSet/mirror");
    }
}
