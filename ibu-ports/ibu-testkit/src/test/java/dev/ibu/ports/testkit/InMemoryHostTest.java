package dev.ibu.ports.testkit;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryHostTest {
    static final AutoRollbackConfig MONITOR_ON = new AutoRollbackConfig(true, 1800, true, true);

    final TestWorld world = TestWorld.fresh();
    final InMemoryHost host = world.host();

    StaterootSetup setup(String version, AutoRollbackConfig config) {
        return new StaterootSetup("rhcos_" + version, version, world.seed().image(), Option.none(), config);
    }

    void setUpNewStateroot(AutoRollbackConfig config) {
        host.startSetup(setup("4.15.2", config));
        world.tick(2);
        assertThat(host.setupJobState("rhcos_4.15.2")).isInstanceOf(JobState.Succeeded.class);
    }

    void pivot() {
        host.setDefault("rhcos_4.15.2");
        host.reboot("upgrade");
        world.completeReboot();
    }

    @Test
    void starts_booted_in_one_stateroot() {
        assertThat(host.staterootNames()).containsExactly("rhcos_4.14.0");
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
        assertThat(host.defaultStateroot()).isEqualTo("rhcos_4.14.0");
    }

    @Test
    void setup_runs_for_two_ticks_then_records_the_auto_rollback_config() {
        host.startSetup(setup("4.15.2", MONITOR_ON));

        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Running.class);
        world.tick();
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Running.class);
        world.tick();
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Succeeded.class);
        assertThat(host.autoRollbackConfig("rhcos_4.15.2")).isEqualTo(Option.some(MONITOR_ON));
        assertThat(host.hostStatus().deployments().map(d -> d.osname()))
                .containsExactly("rhcos_4.14.0", "rhcos_4.15.2");
    }

    @Test
    void setup_paced_by_polls_finishes_on_the_nth_poll() {
        host.setupPacing(Pacing.afterPolls(2));
        host.startSetup(setup("4.15.2", MONITOR_ON));

        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Running.class);
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Succeeded.class);
    }

    @Test
    void setup_with_a_seed_of_another_version_fails_with_upstreams_message() {
        host.startSetup(setup("4.16.0", MONITOR_ON));
        world.tick(2);

        assertThat(host.setupState("rhcos_4.16.0").get()).isEqualTo(new JobState.Failed(
                "version specified in seed image (4.15.2) differs from version in spec (4.16.0)"));
        assertThat(host.hostStatus().staterootNames()).containsExactly("rhcos_4.14.0");
        assertThat(host.staterootNames()).as("the partial stateroot stays until a retry or a remove")
                .containsExactly("rhcos_4.14.0", "rhcos_4.16.0");
        host.startSetup(setup("4.16.0", MONITOR_ON));
        assertThat(host.staterootNames()).containsExactly("rhcos_4.14.0");
    }

    @Test
    void setup_of_an_absent_seed_fails_naming_the_image() {
        world.registry().remove(world.seed().image());
        host.startSetup(setup("4.15.2", MONITOR_ON));
        world.tick(2);

        JobState s = host.setupState("rhcos_4.15.2").get();
        assertThat(s).isInstanceOf(JobState.Failed.class);
        assertThat(((JobState.Failed) s).message()).contains(world.seed().image());
    }

    @Test
    void a_forced_setup_failure_happens_once_and_a_restart_starts_over() {
        host.failNextSetup("disk full");
        host.startSetup(setup("4.15.2", MONITOR_ON));
        world.tick(2);
        assertThat(host.setupState("rhcos_4.15.2").get()).isEqualTo(new JobState.Failed("disk full"));

        host.startSetup(setup("4.15.2", MONITOR_ON));
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Running.class);
        world.tick(2);
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Succeeded.class);
    }

    @Test
    void reboot_is_only_a_request_until_the_test_completes_it() {
        setUpNewStateroot(MONITOR_ON);
        host.setDefault("rhcos_4.15.2");

        assertThat(host.reboot("upgrade").isRight()).isTrue();

        assertThat(host.rebootPending()).isTrue();
        assertThat(host.rebootReasons()).containsExactly("upgrade");
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");

        assertThat(world.completeReboot()).isEqualTo("rhcos_4.15.2");
        assertThat(host.rebootPending()).isFalse();
        assertThat(host.hostStatus().booted().get().osname()).isEqualTo("rhcos_4.15.2");
        assertThat(world.cluster().current().get().ocpVersion()).isEqualTo("4.15.2");
    }

    @Test
    void a_reboot_without_set_default_boots_the_same_stateroot_again() {
        setUpNewStateroot(MONITOR_ON);
        host.reboot("upgrade");

        assertThat(world.completeReboot()).isEqualTo("rhcos_4.14.0");
    }

    @Test
    void job_records_live_in_the_booted_stateroot() {
        setUpNewStateroot(MONITOR_ON);
        host.precache().start("rhcos_4.15.2", List.empty(), Option.none());
        pivot();

        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.NotStarted.class);
        assertThat(host.precache().status().get().state()).isInstanceOf(JobState.NotStarted.class);

        host.setDefault("rhcos_4.14.0");
        host.reboot("rollback");
        world.completeReboot();
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Succeeded.class);
        assertThat(host.precache().status().get().state()).isInstanceOf(JobState.Failed.class);
    }

    @Test
    void after_finalize_a_new_cycle_finds_no_setup_record() {
        setUpNewStateroot(MONITOR_ON);
        pivot();
        host.remove("rhcos_4.14.0");

        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.NotStarted.class);
        assertThat(host.startSetup(setup("4.15.2", MONITOR_ON)).getLeft()).isInstanceOf(PortFailure.Invalid.class);
    }

    @Test
    void complete_reboot_without_a_request_is_a_test_bug() {
        assertThatThrownBy(host::completeReboot).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void immediate_reboot_mode_boots_before_reboot_returns() {
        setUpNewStateroot(MONITOR_ON);
        host.rebootMode(RebootMode.IMMEDIATE);
        host.setDefault("rhcos_4.15.2");

        host.reboot("upgrade");

        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.15.2");
        assertThat(host.rebootPending()).isFalse();
    }

    @Test
    void a_failed_reboot_requests_nothing() {
        world.faults().failOnce(Op.REBOOT, PortFailure.terminal("systemd-run failed"));

        assertThat(host.reboot("upgrade").isLeft()).isTrue();

        assertThat(host.rebootPending()).isFalse();
        assertThat(host.rebootReasons()).isEmpty();
    }

    @Test
    void the_state_store_survives_a_reboot_and_goes_with_its_stateroot() {
        setUpNewStateroot(MONITOR_ON);
        ImageBasedUpgrade ibu = ImageBasedUpgrade.fresh();
        host.saveIbu("rhcos_4.15.2", ibu);
        pivot();
        assertThat(host.loadIbu("rhcos_4.15.2").get()).isEqualTo(Option.some(ibu));

        host.setDefault("rhcos_4.14.0");
        host.reboot("rollback");
        world.completeReboot();
        host.remove("rhcos_4.15.2");
        host.addStateroot("rhcos_4.15.2");

        assertThat(host.loadIbu("rhcos_4.15.2").get()).isEqualTo(Option.none());
    }

    @Test
    void writing_into_an_absent_stateroot_is_not_found() {
        PortFailure f = host.saveIbu("rhcos_9.9.9", ImageBasedUpgrade.fresh()).getLeft();

        assertThat(f).isInstanceOf(PortFailure.NotFound.class);
        assertThat(f.message()).contains("rhcos_9.9.9");
    }

    @Test
    void an_unplanned_reboot_fails_running_jobs_even_when_their_agent_had_died_first() {
        host.startSetup(setup("4.15.2", MONITOR_ON));
        world.tick();
        world.restartAgent();

        world.powerCycle();

        assertThat(host.setupState("rhcos_4.15.2").get()).isEqualTo(new JobState.Failed(InMemoryHostBoot.INTERRUPTED));
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
    }

    @Test
    void after_an_agent_restart_a_running_setup_waits_for_a_port_call_that_cleans_its_partial_stateroot() {
        host.startSetup(setup("4.15.2", MONITOR_ON));
        world.tick();
        assertThat(host.staterootNames()).containsExactly("rhcos_4.14.0", "rhcos_4.15.2");

        world.restartAgent();
        world.tick(5);
        assertThat(host.setupJobState("rhcos_4.15.2")).isInstanceOf(JobState.Running.class);
        assertThat(host.setupRunners("rhcos_4.15.2")).isEqualTo(1);

        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Running.class);
        assertThat(host.staterootNames()).as("the partial stateroot was removed").containsExactly("rhcos_4.14.0");
        world.tick(2);
        assertThat(host.setupState("rhcos_4.15.2").get()).isInstanceOf(JobState.Succeeded.class);
        assertThat(host.setupRunners("rhcos_4.15.2")).isEqualTo(2);
        assertThat(host.hostStatus().deployments().map(d -> d.osname())).containsExactly("rhcos_4.14.0",
                "rhcos_4.15.2");
    }

    @Test
    void after_an_agent_restart_precache_pulls_only_the_images_not_yet_stored() {
        setUpNewStateroot(MONITOR_ON);
        InMemoryPrecache precache = host.precache();
        List<String> extra = List.of("registry.example.com/app:1", "registry.example.com/app:2");
        precache.start("rhcos_4.15.2", extra, Option.none());
        world.tick(2);
        List<String> stored = precache.storedImages();
        assertThat(stored).hasSize(2);

        world.restartAgent();
        world.tick(3);
        assertThat(precache.storedImages()).as("nothing advanced it").isEqualTo(stored);
        assertThat(precache.status().get().state()).isInstanceOf(JobState.Running.class);
        world.tick(10);

        assertThat(precache.status().get().state()).isInstanceOf(JobState.Succeeded.class);
        assertThat(precache.status().get().progress().get().pulled()).isEqualTo(world.seed().images().size() + 2);
        assertThat(precache.storedImages().map(precache::pulls)).containsOnly(1);
    }

    @Test
    void the_init_monitor_runs_after_the_pivot_and_disable_stops_it_for_good() {
        setUpNewStateroot(MONITOR_ON);
        pivot();
        assertThat(host.initMonitorArmed()).isTrue();
        assertThat(host.initMonitorDeadline()).isEqualTo(Option.some(world.clock().now().plusSeconds(1800)));

        assertThat(host.disableInitMonitor().isRight()).isTrue();
        assertThat(host.initMonitorArmed()).isFalse();

        world.powerCycle();
        assertThat(host.initMonitorArmed()).isFalse();
    }

    @Test
    void no_init_monitor_when_the_config_disables_it() {
        setUpNewStateroot(new AutoRollbackConfig(false, 1800, true, true));
        pivot();

        assertThat(host.initMonitorArmed()).isFalse();
    }

    @Test
    void the_init_monitor_timeout_rolls_back_and_marks_the_saved_ibu_upgrade_failed() {
        setUpNewStateroot(MONITOR_ON);
        host.saveIbu("rhcos_4.14.0", ImageBasedUpgrade.fresh());
        pivot();

        String message = world.fireInitMonitor();

        assertThat(message).isEqualTo("Rollback due to LCA Init Monitor timeout, after 30m0s");
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
        assertThat(host.defaultStateroot()).isEqualTo("rhcos_4.14.0");
        assertThat(host.rebootReasons()).containsExactly("upgrade", "rollback");
        assertThat(world.cluster().current().get().ocpVersion()).isEqualTo("4.14.0");
        ImageBasedUpgrade saved = host.savedIbu("rhcos_4.14.0").get();
        Condition inProgress = saved.status().conditions().find(ConditionTypes.UPGRADE_IN_PROGRESS).get();
        assertThat(inProgress.isFalse()).isTrue();
        assertThat(inProgress.reason()).isEqualTo("Failed");
        assertThat(inProgress.message()).isEqualTo(message);
        assertThat(saved.status().conditions().find(ConditionTypes.UPGRADE_COMPLETED).get().message())
                .isEqualTo("Upgrade failed");
    }

    @Test
    void the_init_monitor_fires_on_a_tick_once_the_clock_passes_its_timeout() {
        setUpNewStateroot(new AutoRollbackConfig(true, 600, true, true));
        pivot();

        world.tick(Duration.ofSeconds(599));
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.15.2");

        world.tick(Duration.ofSeconds(1));
        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.14.0");
    }

    @Test
    void an_init_monitor_with_no_stateroot_to_go_back_to_stops_without_rolling_back() {
        setUpNewStateroot(MONITOR_ON);
        pivot();
        host.remove("rhcos_4.14.0");

        world.fireInitMonitor();

        assertThat(host.bootedStateroot()).isEqualTo("rhcos_4.15.2");
        assertThat(host.initMonitorArmed()).isFalse();
        assertThat(host.autoRollback("again").getLeft()).isInstanceOf(PortFailure.NotFound.class);
    }

    @Test
    void precache_pulls_the_seed_images_and_the_extra_ones_one_per_tick() {
        setUpNewStateroot(MONITOR_ON);
        InMemoryPrecache precache = host.precache();

        precache.start("rhcos_4.15.2", List.of("registry.example.com/app:1"), Option.none());
        assertThat(precache.status().get().progress()).isEqualTo(Option.none());

        world.tick();
        assertThat(precache.status().get().progress()).isEqualTo(Option.some(new PrecacheProgress(4, 1, 0)));
        world.tick(3);
        assertThat(precache.status().get().state()).isInstanceOf(JobState.Succeeded.class);
        assertThat(precache.status().get().progress()).isEqualTo(Option.some(new PrecacheProgress(4, 4, 0)));
    }

    @Test
    void precache_fails_on_failed_pulls_unless_best_effort() {
        setUpNewStateroot(MONITOR_ON);
        InMemoryPrecache precache = host.precache().failImages("registry.example.com/app:1");

        precache.start("rhcos_4.15.2", List.of("registry.example.com/app:1"), Option.none());
        world.tick(4);

        assertThat(precache.status().get().state())
                .isEqualTo(new JobState.Failed("failed to pre-cache one or more images"));
        assertThat(precache.status().get().progress()).isEqualTo(Option.some(new PrecacheProgress(4, 3, 1)));
    }

    @Test
    void kubelet_expiry_is_per_stateroot_and_settable() {
        setUpNewStateroot(MONITOR_ON);

        assertThat(host.earliestKubeletExpiry("rhcos_4.15.2").get()).isEqualTo(Option.none());
        host.setKubeletExpiry("rhcos_4.15.2", Option.some(InMemoryHost.DEFAULT_KUBELET_EXPIRY.plusSeconds(60)));

        assertThat(host.earliestKubeletExpiry("rhcos_4.15.2").get())
                .isEqualTo(Option.some(InMemoryHost.DEFAULT_KUBELET_EXPIRY.plusSeconds(60)));
        assertThat(host.earliestKubeletExpiry("rhcos_4.14.0").get())
                .isEqualTo(Option.some(InMemoryHost.DEFAULT_KUBELET_EXPIRY));
    }
}
