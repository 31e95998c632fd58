package dev.ibu.agent.controller;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Leader election against the CRUD mock API server: the SNO timings on the Lease, release on step-down. */
class LeaderElectionIT {
    private static final String NS = "ibu-test";
    private final MockApi api = new MockApi();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        api.close();
    }

    private LeaderElection.Campaign campaign(String identity, LeaderElection.Timings timings) {
        return LeaderElection.runWhenLeader(api.client(), NS, identity, timings, () -> events.add(identity + " leads"),
                () -> events.add(identity + " lost"), leading -> events.add(identity + " status " + leading));
    }

    private Lease lease() {
        return api.client().resources(Lease.class).inNamespace(NS).withName(LeaderElection.LEASE).get();
    }

    @Test
    void holds_the_lease_with_the_sno_timings_and_releases_it_on_step_down() throws Exception {
        LeaderElection.Campaign a = campaign("agent-a", LeaderElection.Timings.SNO);
        Eventually.until("agent-a leads", a::isLeading);
        Lease held = lease();
        assertThat(held.getSpec().getHolderIdentity()).isEqualTo("agent-a");
        assertThat(held.getSpec().getLeaseDurationSeconds()).isEqualTo(270);

        a.stepDown();

        Lease released = lease();
        assertThat(released.getSpec().getHolderIdentity()).as("holder after step-down").isNullOrEmpty();
        assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        assertThat(a.isLeading()).isFalse();
        assertThat(events).containsSubsequence("agent-a leads", "agent-a status false")
                .as("a step-down is not reported as a loss").doesNotContain("agent-a lost");
    }

    @Test
    void a_standby_takes_over_after_a_release_without_waiting_for_the_lease_to_expire() throws Exception {
        // the Lease would last 10 minutes: only a release lets agent-b in within the hang guard
        LeaderElection.Timings timings = new LeaderElection.Timings(Duration.ofMinutes(10), Duration.ofMinutes(9),
                Duration.ofMillis(300));
        LeaderElection.Campaign a = campaign("agent-a", timings);
        Eventually.until("agent-a leads", a::isLeading);
        LeaderElection.Campaign b = campaign("agent-b", timings);
        Eventually.until("agent-b saw agent-a holding the Lease", () -> b.leader().equals("agent-a"));
        assertThat(b.isLeading()).as("agent-b while agent-a holds the Lease").isFalse();

        a.stepDown();

        Eventually.until("agent-b leads", b::isLeading);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("agent-b");
        assertThat(events).doesNotContain("agent-a lost");
        b.stepDown();
    }

    @Test
    void timings_follow_client_go_rules_and_name_the_options() {
        assertThat(LeaderElection.Timings.SNO.leaseDuration()).isEqualTo(Duration.ofSeconds(270));
        assertThat(LeaderElection.Timings.SNO.renewDeadline()).isEqualTo(Duration.ofSeconds(240));
        assertThat(LeaderElection.Timings.SNO.retryPeriod()).isEqualTo(Duration.ofSeconds(60));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaderElection.Timings(Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(2))).hasMessageContaining("--leader-elect-lease-duration");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaderElection.Timings(Duration.ofSeconds(30),
                Duration.ofSeconds(12), Duration.ofSeconds(10))).hasMessageContaining("--leader-elect-retry-period");
    }
}
