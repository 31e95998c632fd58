package dev.ibu.ports.testkit;

import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsTest {
    static final PortFailure BOOM = PortFailure.transientFailure("boom");

    @Test
    void no_switch_lets_every_call_through_and_counts_it() {
        Faults faults = new Faults();

        assertThat(faults.check("x")).isEqualTo(Option.none());
        assertThat(faults.check("x")).isEqualTo(Option.none());

        assertThat(faults.calls("x")).isEqualTo(2);
        assertThat(faults.failures("x")).isZero();
        assertThat(faults.calls("y")).isZero();
    }

    @Test
    void fail_once_fails_only_the_next_call() {
        Faults faults = new Faults().failOnce("x", BOOM);

        assertThat(faults.check("x")).isEqualTo(Option.some(BOOM));
        assertThat(faults.check("x")).isEqualTo(Option.none());
        assertThat(faults.failures("x")).isEqualTo(1);
    }

    @Test
    void fail_always_fails_until_cleared() {
        Faults faults = new Faults().failAlways("x", BOOM);

        assertThat(faults.check("x")).isEqualTo(Option.some(BOOM));
        assertThat(faults.check("x")).isEqualTo(Option.some(BOOM));
        faults.clear("x");
        assertThat(faults.check("x")).isEqualTo(Option.none());
        assertThat(faults.calls("x")).isEqualTo(3);
    }

    @Test
    void fail_after_lets_n_calls_through_then_fails_every_call() {
        Faults faults = new Faults().failAfter("x", 2, BOOM);

        assertThat(faults.check("x")).isEqualTo(Option.none());
        assertThat(faults.check("x")).isEqualTo(Option.none());
        assertThat(faults.check("x")).isEqualTo(Option.some(BOOM));
        assertThat(faults.check("x")).isEqualTo(Option.some(BOOM));
    }

    @Test
    void switches_are_per_operation() {
        Faults faults = new Faults().failAlways("x", BOOM);

        assertThat(faults.check("y")).isEqualTo(Option.none());
    }

    @Test
    void a_failed_call_has_no_effect_on_the_world() {
        TestWorld world = TestWorld.fresh();
        world.host().addStateroot("rhcos_4.15.2");
        world.faults().failOnce(Op.STATEROOT_SET_DEFAULT, PortFailure.transientFailure("ostree busy"));

        assertThat(world.host().setDefault("rhcos_4.15.2").getLeft().message()).isEqualTo("ostree busy");
        assertThat(world.host().defaultStateroot()).isEqualTo("rhcos_4.14.0");

        assertThat(world.host().setDefault("rhcos_4.15.2").isRight()).isTrue();
        assertThat(world.host().defaultStateroot()).isEqualTo("rhcos_4.15.2");
        assertThat(world.faults().calls(Op.STATEROOT_SET_DEFAULT)).isEqualTo(2);
    }
}
