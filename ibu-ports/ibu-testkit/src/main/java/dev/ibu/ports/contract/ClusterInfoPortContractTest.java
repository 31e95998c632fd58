package dev.ibu.ports.contract;

import dev.ibu.ports.out.ClusterInfoPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ClusterInfoPort} does. */
public abstract class ClusterInfoPortContractTest {

    public interface Fixture {
        ClusterInfoPort port();

        /** ClusterVersion's {@code .status.desired.version} in this world. */
        String desiredVersion();
    }

    protected abstract Fixture newFixture();

    @Test
    void reports_the_desired_cluster_version() {
        Fixture f = newFixture();

        assertThat(f.port().current().get().ocpVersion()).isEqualTo(f.desiredVersion());
    }
}
