package dev.ibu.agent.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** cleanup --stateroot removes only what is neither booted nor default, and nothing when it cannot tell. */
class StaterootRemovalGuardTest {

    private static Deployment d(int index, String osname, boolean booted) {
        return new Deployment(index, osname, "c" + index, 0, booted);
    }

    private static HostStatus status(Deployment... ds) {
        return new HostStatus(List.of(ds));
    }

    @Test
    void a_stateroot_neither_booted_nor_default_may_go_on_a_node_and_offline() {
        HostStatus st = status(d(0, "rhcos", true), d(1, "rhcos_4.16.0", false));
        assertThat(StaterootRemovalGuard.refusal(st, "rhcos_4.16.0", true)).isEmpty();
        assertThat(StaterootRemovalGuard.refusal(st, "rhcos_4.16.0", false)).isEmpty();
        assertThat(StaterootRemovalGuard.refusal(st, "absent", true)).isEmpty();
    }

    @Test
    void the_booted_stateroot_is_refused_even_when_it_is_not_the_default() {
        HostStatus st = status(d(0, "rhcos_4.16.0", false), d(1, "rhcos", true));
        assertThat(StaterootRemovalGuard.refusal(st, "rhcos", true).get())
            .startsWith("--stateroot rhcos is the booted stateroot (deployment 1): it cannot be removed.");
    }

    @Test
    void the_default_stateroot_is_refused_when_another_is_booted() {
        HostStatus st = status(d(0, "rhcos_4.16.0", false), d(1, "rhcos", true));
        assertThat(StaterootRemovalGuard.refusal(st, "rhcos_4.16.0", true).get())
            .startsWith("--stateroot rhcos_4.16.0 holds the default deployment (index 0), the one the node boots next");
    }

    @Test
    void offline_nothing_is_booted_and_the_default_and_only_deployment_is_refused() {
        HostStatus only = status(d(0, "rhcos_4.16.0", false));
        assertThat(StaterootRemovalGuard.refusal(only, "rhcos_4.16.0", false).get())
            .contains("holds the default deployment (index 0)");
        HostStatus two = status(d(0, "rhcos", false), d(1, "rhcos_4.16.0", false), d(2, "rhcos", false));
        assertThat(StaterootRemovalGuard.refusal(two, "rhcos", false)).isNotEmpty();
        assertThat(StaterootRemovalGuard.refusal(two, "rhcos_4.16.0", false)).isEmpty();
    }

    @Test
    void on_a_node_with_no_booted_deployment_nothing_is_removed() {
        HostStatus st = status(d(0, "rhcos", false), d(1, "rhcos_4.16.0", false));
        assertThat(StaterootRemovalGuard.refusal(st, "rhcos_4.16.0", true).get())
            .startsWith("cannot tell which deployment is booted: `ostree admin status` marks none with '*'");
        assertThat(StaterootRemovalGuard.refusal(status(), "leftover", true)).isNotEmpty();
        assertThat(StaterootRemovalGuard.refusal(status(), "leftover", false)).as("offline, empty: a leftover dir").isEmpty();
    }

    @Test
    void two_booted_deployments_mean_nothing_is_removed_anywhere() {
        HostStatus st = status(d(0, "rhcos", true), d(1, "rhcos_4.16.0", true), d(2, "x", false));
        assertThat(StaterootRemovalGuard.refusal(st, "x", true).get())
            .startsWith("cannot tell which deployment is booted: ostree marks 2 booted (0 rhcos, 1 rhcos_4.16.0)");
        assertThat(StaterootRemovalGuard.refusal(st, "x", false)).isNotEmpty();
    }
}
