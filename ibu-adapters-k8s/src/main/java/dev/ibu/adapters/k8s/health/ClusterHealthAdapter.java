package dev.ibu.adapters.k8s.health;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * The health checks of host-and-image.md §6, read without a cache. Within a set every check runs so the report
 * names every failing kind; {@link HealthCheckSet#FULL} stops after the mandatory set when it fails. An API error
 * that prevents a check from running is a {@link PortFailure} (retry), not a health verdict.
 */
public final class ClusterHealthAdapter implements ClusterHealthPort {
    private final HealthChecks checks;

    public ClusterHealthAdapter(KubernetesClient client) {
        this.checks = new HealthChecks(client);
    }

    @Override
    public Either<PortFailure, HealthReport> check(HealthCheckSet set) {
        try {
            if (set == HealthCheckSet.MANDATORY) {
                return Either.right(new HealthReport(mandatory()));
            }
            if (set == HealthCheckSet.DEFERRED) {
                return Either.right(new HealthReport(deferred()));
            }
            List<String> failures = mandatory();
            return Either.right(new HealthReport(failures.isEmpty() ? deferred() : failures));
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("health check (" + set + ")", e));
        }
    }

    private List<String> mandatory() {
        List<String> operators = checks.clusterOperators();
        List<String> failures = operators.appendAll(checks.machineConfigPools());
        // SR-IOV and OADP only mean something once the operators that run them are ready
        return operators.isEmpty() ? failures.appendAll(checks.sriov()).appendAll(checks.oadp()) : failures;
    }

    private List<String> deferred() {
        return checks.node().appendAll(checks.clusterServiceVersions()).appendAll(checks.certificateSigningRequests());
    }
}
