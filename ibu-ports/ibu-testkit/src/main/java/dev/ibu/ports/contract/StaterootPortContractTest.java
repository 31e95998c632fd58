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
}
