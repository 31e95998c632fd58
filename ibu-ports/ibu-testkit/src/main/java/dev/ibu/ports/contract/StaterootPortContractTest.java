package dev.ibu.ports.contract;

import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every {@link StaterootPort} does, whatever is behind it. */
public abstract class StaterootPortContractTest {

    /** The world behind the port under test, fresh for each test: one booted stateroot and nothing else. */
    public interface Fixture {
        StaterootPort port();

        /** A setup of a new stateroot that this world can complete (seed present, versions matching). */
        StaterootSetup setupThatSucceeds();

        /** A setup that this world makes fail (e.g. the seed's version differs); none if it cannot. */
        Option<StaterootSetup> setupThatFails();

        /** Lets background work advance (in memory: one tick; on a real host: a short wait). */
        void advance();

        /** How many advance-and-poll rounds a job may take. */
        default int rounds() {
            return 100;
        }

        /**
         * The agent dies at this moment, and with it every job runner that ran inside it (as {@code kill -9} would;
         * work running outside the agent goes on), and a new agent starts on the same host: returns the new agent's
         * port. The old port is not used again.
         */
        StaterootPort restartAgent();

        /** The stateroot directories on the host ({@code ostree/deploy/*}), deployed or not. */
        io.vavr.collection.Set<String> staterootDirectories();
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private StaterootPort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    private HostStatus status() {
        return port.status().get();
    }

    private JobState awaitEnd(String stateroot) {
        return Polling.until(() -> port.setupState(stateroot).get(), s -> !(s instanceof JobState.Running), f::advance,
                f.rounds());
    }

    private void restartAgent() {
        port = f.restartAgent();
    }

    /** After a restart the job is never Failed, and it completes with the stateroot made exactly once. */
    private void assertCompletesWithExactlyOneNewStateroot(StaterootSetup setup, HostStatus before) {
        JobState first = port.setupState(setup.staterootName()).get();
        assertThat(first).as("the job right after the agent restarted").isInstanceOfAny(JobState.Running.class,
                JobState.Succeeded.class);
        assertThat(awaitEnd(setup.staterootName())).isInstanceOf(JobState.Succeeded.class);
        HostStatus s = status();
        assertThat(s.deployments().filter(d -> d.osname().equals(setup.staterootName()))).hasSize(1);
        assertThat(s.deployments().filter(d -> !d.osname().equals(setup.staterootName())).map(this::withoutIndex))
                .as("the other deployments are untouched").isEqualTo(before.deployments().map(this::withoutIndex));
        assertThat(s.bootedStateroot()).isEqualTo(before.bootedStateroot());
        assertThat(s.defaultDeployment().map(Deployment::osname)).isEqualTo(before.defaultDeployment()
                .map(Deployment::osname));
        assertThat(f.staterootDirectories()).as("no partial stateroot left behind")
                .isEqualTo(s.deployments().map(Deployment::osname).toSet());
    }

    private String withoutIndex(Deployment d) {
        return d.osname() + " " + d.checksum() + " " + d.serial() + (d.booted() ? " booted" : "");
    }

    private JobState runSetup(StaterootSetup setup) {
        assertThat(port.startSetup(setup).isRight()).isTrue();
        return Polling.until(() -> port.setupState(setup.staterootName()).get(),
                s -> !(s instanceof JobState.Running), f::advance, f.rounds());
    }

    @Test
    void status_shows_exactly_one_booted_deployment_and_a_default() {
        HostStatus s = status();
        assertThat(s.deployments().filter(Deployment::booted)).hasSize(1);
        assertThat(s.defaultDeployment().isDefined()).isTrue();
        assertThat(s.bootedStateroot().isDefined()).isTrue();
    }

    @Test
    void setup_state_of_an_unknown_stateroot_is_not_started() {
        assertThat(port.setupState("rhcos_never_set_up").get()).isInstanceOf(JobState.NotStarted.class);
    }

    @Test
    void a_successful_setup_adds_a_deployment_that_is_neither_default_nor_booted() {
        String booted = status().bootedStateroot().get();
        StaterootSetup setup = f.setupThatSucceeds();

        assertThat(runSetup(setup)).isInstanceOf(JobState.Succeeded.class);

        HostStatus s = status();
        assertThat(s.hasStateroot(setup.staterootName())).isTrue();
        assertThat(s.deployments().filter(d -> d.osname().equals(setup.staterootName())))
                .allMatch(d -> !d.booted() && !d.isDefault());
        assertThat(s.bootedStateroot()).contains(booted);
        assertThat(s.defaultDeployment().map(Deployment::osname)).contains(booted);
    }

    @Test
    void starting_setup_again_after_success_is_a_no_op() {
        StaterootSetup setup = f.setupThatSucceeds();
        runSetup(setup);
        int deployments = status().deployments().size();

        assertThat(port.startSetup(setup).isRight()).isTrue();

        assertThat(port.setupState(setup.staterootName()).get()).isInstanceOf(JobState.Succeeded.class);
        assertThat(status().deployments()).hasSize(deployments);
    }

    @Test
    void starting_setup_again_while_it_runs_is_a_no_op() {
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(port.startSetup(setup).isRight()).isTrue();
        assertThat(port.startSetup(setup).isRight()).isTrue();

        assertThat(runSetup(setup)).isInstanceOf(JobState.Succeeded.class);
        assertThat(status().deployments().filter(d -> d.osname().equals(setup.staterootName()))).hasSize(1);
    }

    @Test
    void a_failed_setup_says_why_and_can_be_started_over() {
        Option<StaterootSetup> failing = f.setupThatFails();
        assumeTrue(failing.isDefined(), "this fixture cannot make a setup fail");

        JobState first = runSetup(failing.get());

        assertThat(first).isInstanceOf(JobState.Failed.class);
        assertThat(((JobState.Failed) first).message()).isNotBlank();
        assertThat(port.startSetup(failing.get()).isRight()).isTrue();
    }

    @Test
    void set_default_makes_the_stateroot_the_default_without_booting_it() {
        String booted = status().bootedStateroot().get();
        StaterootSetup setup = f.setupThatSucceeds();
        runSetup(setup);

        assertThat(port.setDefault(setup.staterootName()).isRight()).isTrue();

        HostStatus s = status();
        assertThat(s.defaultDeployment().map(Deployment::osname)).contains(setup.staterootName());
        assertThat(s.bootedStateroot()).contains(booted);
    }

    @Test
    void set_default_of_the_booted_stateroot_brings_it_back_to_index_0() {
        String booted = status().bootedStateroot().get();
        StaterootSetup setup = f.setupThatSucceeds();
        runSetup(setup);
        port.setDefault(setup.staterootName());

        assertThat(port.setDefault(booted).isRight()).isTrue();

        assertThat(status().defaultDeployment().map(Deployment::osname)).contains(booted);
    }

    @Test
    void set_default_of_an_absent_stateroot_fails() {
        assertThat(port.setDefault("rhcos_absent").isLeft()).isTrue();
    }

    @Test
    void remove_refuses_the_booted_stateroot_and_names_it() {
        String booted = status().bootedStateroot().get();
        HostStatus before = status();

        Either<PortFailure, Void> removed = port.remove(booted);

        assertThat(removed.isLeft()).isTrue();
        assertThat(removed.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(removed.getLeft().message()).contains(booted);
        assertThat(status()).isEqualTo(before);
    }

    @Test
    void removing_an_absent_stateroot_succeeds() {
        assertThat(port.remove("rhcos_absent").isRight()).isTrue();
    }

    @Test
    void remove_undeploys_the_stateroot_and_forgets_its_setup_job() {
        StaterootSetup setup = f.setupThatSucceeds();
        runSetup(setup);

        assertThat(port.remove(setup.staterootName()).isRight()).isTrue();

        assertThat(status().hasStateroot(setup.staterootName())).isFalse();
        assertThat(port.setupState(setup.staterootName()).get()).isInstanceOf(JobState.NotStarted.class);
    }

    @Test
    void remove_of_the_default_but_unbooted_stateroot_leaves_the_booted_one_default() {
        String booted = status().bootedStateroot().get();
        StaterootSetup setup = f.setupThatSucceeds();
        runSetup(setup);
        port.setDefault(setup.staterootName());

        assertThat(port.remove(setup.staterootName()).isRight()).isTrue();

        assertThat(status().defaultDeployment().map(Deployment::osname)).contains(booted);
    }

    // ---- the job outlives the agent --------------------------------------------------------------------------------

    @Test
    void a_setup_survives_an_agent_restart_right_after_its_start() {
        HostStatus before = status();
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(port.startSetup(setup).isRight()).isTrue();

        restartAgent();

        assertCompletesWithExactlyOneNewStateroot(setup, before);
    }

    @Test
    void a_setup_survives_an_agent_restart_while_it_runs() {
        HostStatus before = status();
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(port.startSetup(setup).isRight()).isTrue();
        f.advance();

        restartAgent();

        assertCompletesWithExactlyOneNewStateroot(setup, before);
    }

    @Test
    void a_setup_survives_one_agent_restart_after_another() {
        HostStatus before = status();
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(port.startSetup(setup).isRight()).isTrue();
        for (int i = 0; i < 3; i++) {
            f.advance();
            restartAgent();
            assertThat(port.setupState(setup.staterootName()).get()).isNotInstanceOf(JobState.Failed.class);
        }

        assertCompletesWithExactlyOneNewStateroot(setup, before);
    }

    @Test
    void starting_setup_again_on_the_new_agent_resumes_the_job_once() {
        HostStatus before = status();
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(port.startSetup(setup).isRight()).isTrue();
        f.advance();
        restartAgent();

        assertThat(port.startSetup(setup).isRight()).isTrue();
        assertThat(port.startSetup(setup).isRight()).isTrue();

        assertCompletesWithExactlyOneNewStateroot(setup, before);
    }

    @Test
    void a_succeeded_setup_stays_succeeded_across_a_restart_and_is_not_redone() {
        StaterootSetup setup = f.setupThatSucceeds();
        assertThat(runSetup(setup)).isInstanceOf(JobState.Succeeded.class);
        HostStatus done = status();

        restartAgent();

        assertThat(port.setupState(setup.staterootName()).get()).isInstanceOf(JobState.Succeeded.class);
        assertThat(port.startSetup(setup).isRight()).isTrue();
        assertThat(status()).isEqualTo(done);
    }

    @Test
    void a_failed_setup_stays_failed_across_a_restart() {
        Option<StaterootSetup> failing = f.setupThatFails();
        assumeTrue(failing.isDefined(), "this fixture cannot make a setup fail");
        JobState failed = runSetup(failing.get());
        assertThat(failed).isInstanceOf(JobState.Failed.class);

        restartAgent();

        assertThat(port.setupState(failing.get().staterootName()).get()).isEqualTo(failed);
    }
}
