package dev.ibu.ports.contract;

import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ClusterHealthPort} does: FULL is mandatory then deferred, stopping at the first that fails. */
public abstract class ClusterHealthPortContractTest {

    /** Fresh for each test: a healthy cluster. */
    public interface Fixture {
        ClusterHealthPort port();

        /** Makes a mandatory check fail (e.g. a ClusterOperator degraded). */
        void breakMandatory();

        /** Makes a deferred check fail (e.g. a CSV not succeeded). */
        void breakDeferred();
    }

    protected abstract Fixture newFixture();

    private Fixture f;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
    }

    private HealthReport check(HealthCheckSet set) {
        return f.port().check(set).get();
    }

    @Test
    void a_healthy_cluster_passes_every_set() {
        for (HealthCheckSet set : HealthCheckSet.values()) {
            assertThat(check(set).healthy()).as(set.name()).isTrue();
        }
    }

    @Test
    void a_mandatory_failure_fails_mandatory_and_full_but_not_deferred() {
        f.breakMandatory();

        assertThat(check(HealthCheckSet.MANDATORY).failures()).isNotEmpty();
        assertThat(check(HealthCheckSet.FULL).failures()).isNotEmpty();
        assertThat(check(HealthCheckSet.DEFERRED).healthy()).isTrue();
    }

    @Test
    void a_deferred_failure_fails_deferred_and_full_but_not_mandatory() {
        f.breakDeferred();

        assertThat(check(HealthCheckSet.DEFERRED).failures()).isNotEmpty();
        assertThat(check(HealthCheckSet.FULL).failures()).isNotEmpty();
        assertThat(check(HealthCheckSet.MANDATORY).healthy()).isTrue();
    }

    @Test
    void full_stops_at_the_mandatory_set_when_it_fails() {
        f.breakMandatory();
        f.breakDeferred();

        assertThat(check(HealthCheckSet.FULL)).isEqualTo(check(HealthCheckSet.MANDATORY));
    }
}
