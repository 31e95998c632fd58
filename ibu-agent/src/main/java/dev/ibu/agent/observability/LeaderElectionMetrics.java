package dev.ibu.agent.observability;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.Consumer;

/** client-go's {@code leader_election_master_status{name}} as controller-runtime registers it: 1 leading, 0 not. */
public final class LeaderElectionMetrics {
    private final Gauge status;

    public LeaderElectionMetrics(PrometheusRegistry registry) {
        status = Gauge.builder().name("leader_election_master_status")
                .help("Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 "
                        + "indicates master. 'name' is the string used to identify the lease. Please make sure to "
                        + "group by name.").labelNames("name").register(registry);
    }

    /** What to call with each change of leadership of the Lease {@code lease}; sets 0 now. */
    public Consumer<Boolean> lease(String lease) {
        status.labelValues(lease).set(0);
        return leading -> status.labelValues(lease).set(leading ? 1 : 0);
    }
}
