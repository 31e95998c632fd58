package dev.ibu.agent.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Leader election on the {@code coordination.k8s.io} Lease {@value #LEASE} in the agent's namespace: the controller
 * starts only once this replica holds it; losing it stops the agent (as controller-runtime does), so that two
 * replicas never reconcile at once.
 */
final class LeaderElection {
    static final String LEASE = "ibu-agent-leader";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private LeaderElection() {
    }

    /** Starts campaigning; cancel the returned future to step down (the Lease is released). */
    static CompletableFuture<?> runWhenLeader(KubernetesClient client, String namespace, Runnable onLeading,
            Runnable onLost) {
        String identity = identity();
        LOG.info("waiting to become leader (Lease {}/{}, identity {})", namespace, LEASE, identity);
        return client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE)
                .withLock(new LeaseLock(namespace, LEASE, identity))
                .withLeaseDuration(Duration.ofSeconds(15))
                .withRenewDeadline(Duration.ofSeconds(10))
                .withRetryPeriod(Duration.ofSeconds(2))
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.info("became leader: starting the controller");
                            onLeading.run();
                        },
                        () -> {
                            LOG.warn("lost the leadership: stopping");
                            onLost.run();
                        },
                        leader -> LOG.info("leader is now {}", leader)))
                .build()).build().start();
    }

    private static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "_" + UUID.randomUUID();
        } catch (java.io.IOException e) {
            return "ibu-agent_" + UUID.randomUUID();
        }
    }
}
