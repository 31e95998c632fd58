package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.StaterootSetup;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole upgrade driven by hand through the ports, the way the engine will drive it: this is the worked example of
 * how a test uses the world (what the engine does is only sketched: the point is what the world answers).
 */
class TestWorldTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final ConfigMapRef EXTRA = new ConfigMapRef("extra-cm", "openshift-lifecycle-agent");

    final TestWorld world = TestWorld.fresh();
    final InMemoryHost host = world.host();
    final InMemoryCluster cluster = world.cluster();
    final InMemoryVelero velero = world.velero();

    @Test
    void defaults_a_cluster_at_4_14_0_and_a_seed_at_4_15_2() {
        assertThat(cluster.current().get().ocpVersion()).isEqualTo("4.14.0");
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
        assertThat(world.newStateroot()).isEqualTo("rhcos_4.15.2");
        SeedImageInfo seed = world.registry().inspect(world.seed().image(), Option.none()).get();
        assertThat(seed.formatVersion()).isEqualTo(Option.some("4"));
        assertThat(seed.clusterInfo().get().ocpVersion()).isEqualTo("4.15.2");
        assertThat(cluster.ibu()).isEqualTo(Option.none());
        assertThat(cluster.check(HealthCheckSet.FULL).get().healthy()).isTrue();
    }

    @Test
    void an_upgrade_with_a_pivot_and_a_reboot() {
        cluster.putConfigMap(OADP, Samples.pairedOadpContent("backup-apps", "restore-apps"));
        cluster.putConfigMap(EXTRA, Map.of("cm.yaml", Samples.configMapYaml("app-config", "default", "")));
        cluster.create(ImageBasedUpgrade.fresh());
        cluster.patchSpec(s -> new Spec(Stage.PREP, world.seedImageRef(), List.of(OADP), List.of(EXTRA),
                Option.none()));

        // Prep: validate, set up the stateroot, precache
        assertThat(velero.validate(List.of(OADP)).isRight()).isTrue();
        assertThat(cluster.validate(List.of(EXTRA)).get().warnings()).isEmpty();
        String newSr = world.newStateroot();
        host.startSetup(new StaterootSetup(newSr, "4.15.2", world.seed().image(), Option.none(),
                new AutoRollbackConfig(true, 1800, true, true)));
        world.tick(2);
        assertThat(host.setupState(newSr).get()).isInstanceOf(JobState.Succeeded.class);
        world.precache().start(newSr, List.empty(), Option.none());
        world.tick(3);
        assertThat(world.precache().status().get().state()).isInstanceOf(JobState.Succeeded.class);

        // Upgrade, pre-pivot: back up, export into the new stateroot, save the CR in both, set default, reboot
        cluster.patchSpecStage(Stage.UPGRADE);
        velero.backup(List.of(OADP));
        world.tick(2);
        assertThat(velero.backup(List.of(OADP)).get()).isInstanceOf(WorkProgress.Done.class);
        host.saveBundle(newSr, "oadp", velero.export(List.of(OADP)).get());
        host.saveBundle(newSr, "extra-manifests", cluster.export(List.of(EXTRA)).get());
        ImageBasedUpgrade beforePivot = cluster.currentIbu();
        host.saveIbu(newSr, beforePivot);
        host.saveIbu("rhcos_4.14.0", beforePivot);
        host.setDefault(newSr);
        cluster.emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for upgrade");
        host.reboot("upgrade");

        // the engine sees the reboot requested; nothing has booted yet
        assertThat(host.rebootPending()).isTrue();
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");

        // the test simulates the boot (and would start a fresh engine, as the agent restarts)
        assertThat(world.completeReboot()).isEqualTo(newSr);
        assertThat(cluster.current().get().ocpVersion()).isEqualTo("4.15.2");
        assertThat(host.initMonitorArmed()).isTrue();

        // post-pivot: restore the CR from the new stateroot (a new object: generation 1), apply, restore, complete
        ImageBasedUpgrade saved = host.loadIbu(newSr).get().get();
        cluster.delete();
        ImageBasedUpgrade restored = cluster.create(saved).get();
        host.deleteIbu(newSr);
        assertThat(restored.generation()).isEqualTo(1);
        assertThat(restored.spec().stage()).isEqualTo(Stage.UPGRADE);
        assertThat(cluster.apply(host.loadBundle(newSr, "extra-manifests").get().get()).isRight()).isTrue();
        assertThat(cluster.applied().map(ManifestDoc::name)).containsExactly("app-config");
        ExportBundle oadp = host.loadBundle(newSr, "oadp").get().get();
        velero.restore(oadp);
        world.tick(2);
        assertThat(velero.restore(oadp).get()).isInstanceOf(WorkProgress.Done.class);
        host.disableInitMonitor();
        assertThat(host.earliestKubeletExpiry("rhcos_4.14.0").get())
                .isEqualTo(Option.some(InMemoryHost.DEFAULT_KUBELET_EXPIRY));

        // Idle (finalize): the original stateroot goes, the booted one cannot
        assertThat(host.remove("rhcos_4.14.0").isRight()).isTrue();
        assertThat(host.remove(newSr).getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(velero.cleanup().isRight()).isTrue();
        assertThat(velero.violations()).isEmpty();
        assertThat(host.staterootNames()).containsExactly(newSr);
        assertThat(cluster.events()).hasSize(1);
    }

    @Test
    void a_manual_rollback_after_the_pivot() {
        String newSr = world.newStateroot();
        host.startSetup(new StaterootSetup(newSr, "4.15.2", world.seed().image(), Option.none(),
                new AutoRollbackConfig(true, 1800, true, true)));
        world.tick(2);
        host.setDefault(newSr);
        host.reboot("upgrade");
        world.completeReboot();

        host.setDefault("rhcos_4.14.0");
        host.saveIbu("rhcos_4.14.0", ImageBasedUpgrade.fresh());
        host.reboot("rollback");
        world.completeReboot();

        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
        assertThat(cluster.current().get().ocpVersion()).isEqualTo("4.14.0");
        assertThat(host.initMonitorArmed()).isFalse();
        assertThat(host.rebootReasons()).containsExactly("upgrade", "rollback");
        assertThat(host.loadIbu("rhcos_4.14.0").get()).isEqualTo(Option.some(ImageBasedUpgrade.fresh()));
    }
}
