package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryClusterTest {
    static final ConfigMapRef EXTRA = new ConfigMapRef("extra", "openshift-lifecycle-agent");

    final Faults faults = new Faults();
    final InMemoryCluster cluster = new InMemoryCluster(faults);

    @Test
    void patching_the_same_stage_changes_nothing() {
        ImageBasedUpgrade c = cluster.create(ImageBasedUpgrade.fresh()).get();

        ImageBasedUpgrade same = cluster.patchSpecStage(Stage.IDLE);

        assertThat(same).isEqualTo(c);
        assertThat(cluster.ibuVersions()).hasSize(1);
    }

    @Test
    void every_stored_version_is_kept_in_order() {
        ImageBasedUpgrade c = cluster.create(ImageBasedUpgrade.fresh()).get();
        cluster.patchSpecStage(Stage.PREP);
        cluster.annotate("a", "b");

        assertThat(cluster.ibuVersions().map(ImageBasedUpgrade::generation)).containsExactly(1L, 2L, 2L);
        assertThat(cluster.ibuVersions().head()).isEqualTo(c);
        assertThat(cluster.currentIbu().metadata().annotations().get("a")).isEqualTo(Option.some("b"));
    }

    @Test
    void health_full_is_mandatory_first_then_deferred() {
        cluster.setHealth(HealthCheckSet.DEFERRED, "node not ready");
        assertThat(cluster.check(HealthCheckSet.FULL).get().failures()).containsExactly("node not ready");

        cluster.setHealth(HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet ready: authentication");
        assertThat(cluster.check(HealthCheckSet.FULL).get().message()).isEqualTo("one or more health checks failed"
                + "\n  - one or more ClusterOperators not yet ready: authentication");

        cluster.setHealthy();
        assertThat(cluster.check(HealthCheckSet.FULL).get().healthy()).isTrue();
    }

    @Test
    void events_are_recorded_and_a_failing_switch_loses_one() {
        cluster.emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for upgrade");
        faults.failOnce(Op.EVENT_EMIT, PortFailure.transientFailure("api down"));
        cluster.emit(EventPort.Type.WARNING, "Lost", "lost");

        assertThat(cluster.events()).containsExactly(
                new RecordedEvent(EventPort.Type.NORMAL, "Reboot", "System will now reboot for upgrade"));
        assertThat(faults.calls(Op.EVENT_EMIT)).isEqualTo(2);
    }

    @Test
    void manifests_in_unknown_namespaces_or_without_crd_validate_with_warnings() {
        cluster.withoutCrdFor("SriovNetwork");
        cluster.putConfigMap(EXTRA, Map.of(
                "cm.yaml", Samples.configMapYaml("app-config", "apps", ""),
                "sriov.yaml", "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n"
                        + "  name: net1\n  namespace: openshift-sriov-network-operator\n"));

        List<String> warnings = cluster.validate(List.of(EXTRA)).get().warnings();

        assertThat(warnings).containsExactlyInAnyOrder(
                "ConfigMap[app-config] - namespace apps not found on cluster or not added in configmap in right order",
                "SriovNetwork[net1] - CRD not deployed on cluster");
    }

    @Test
    void a_namespace_created_in_an_earlier_wave_is_no_warning() {
        cluster.putConfigMap(EXTRA, Map.of(
                "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  annotations:\n"
                        + "    lca.openshift.io/apply-wave: \"1\"\n",
                "cm.yaml", Samples.configMapYaml("app-config", "apps", "2")));

        assertThat(cluster.validate(List.of(EXTRA)).get().warnings()).isEmpty();
    }

    @Test
    void forbidden_kinds_are_errors_joined_in_one_message() {
        cluster.putConfigMap(EXTRA, Map.of(
                "mc.yaml", Samples.machineConfigYaml("99-extra"),
                "sub.yaml", "apiVersion: operators.coreos.com/v1alpha1\nkind: Subscription\nmetadata:\n"
                        + "  name: sub\n  namespace: default\n"));

        String message = cluster.validate(List.of(EXTRA)).getLeft().message();

        assertThat(message).contains("MachineConfig[99-extra] in extramanifests is not allowed")
                .contains("Subscription[sub] in extramanifests is not allowed").contains("; ");
    }

    @Test
    void apply_records_manifests_in_group_then_file_order() {
        ExportBundle bundle = new ExportBundle(io.vavr.collection.HashMap.of(
                "10/1_ConfigMap_d_ns.yaml", Samples.configMapYaml("d", "ns", ""),
                "2/10_ConfigMap_c_ns.yaml", Samples.configMapYaml("c", "ns", ""),
                "2/2_ConfigMap_b_ns.yaml", Samples.configMapYaml("b", "ns", ""),
                "1/1_ConfigMap_a_ns.yaml", Samples.configMapYaml("a", "ns", "")));

        cluster.apply(bundle);

        assertThat(cluster.applied().map(ManifestDoc::name)).containsExactly("a", "b", "c", "d");
    }
}
