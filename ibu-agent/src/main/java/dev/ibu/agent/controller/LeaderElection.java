package dev.ibu.agent.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Leader election on the {@code coordination.k8s.io} Lease {@value #LEASE} in the agent's namespace: the controller
 * starts only once this replica holds it; losing it stops the agent (as controller-runtime does), so that two
 * replicas never reconcile at once. The timings default to upstream's single-node ones ({@link Timings#SNO}): the
 * API server of an SNO restarts during upgrades and certificate rotation for longer than client-go's defaults allow.
 * {@link Campaign#stepDown} releases the Lease (holder cleared, {@code leaseDurationSeconds: 1}, as client-go's
 * {@code ReleaseOnCancel}) so that a successor takes over at its next retry instead of waiting for the Lease to expire.
 */
public final class LeaderElection {
    public static final String LEASE = "ibu-agent-leader";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    /** client-go's JitterFactor: the renew deadline must leave room for one jittered retry. */
    private static final double JITTER = 1.2;

    private LeaderElection() {
    }

    /**
     * How long a Lease lasts, how long the leader keeps trying to renew it before it gives up, and how often
     * candidates (and the leader) try. client-go's rules: {@code leaseDuration > renewDeadline > 1.2 * retryPeriod}.
     */
    public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /**
         * library-go's {@code LeaderElectionSNOConfig}, which upstream's manager uses: 30 s of clock-skew tolerance
         * (270 - 240), four renew attempts, about 180 s of API server downtime tolerated.
         */
        public static final Timings SNO = new Timings(Duration.ofSeconds(270), Duration.ofSeconds(240),
                Duration.ofSeconds(60));

        public Timings {
            if (leaseDuration.compareTo(renewDeadline) <= 0) {
                throw new IllegalArgumentException("--leader-elect-lease-duration (" + leaseDuration.toSeconds()
                        + "s) must be longer than --leader-elect-renew-deadline (" + renewDeadline.toSeconds()
                        + "s), e.g. 270s and 240s");
            }
            if (retryPeriod.isZero() || retryPeriod.isNegative()
                    || renewDeadline.toMillis() <= JITTER * retryPeriod.toMillis()) {
                throw new IllegalArgumentException("--leader-elect-renew-deadline (" + renewDeadline.toSeconds()
                        + "s) must be longer than 1.2 x --leader-elect-retry-period (" + retryPeriod.toSeconds()
                        + "s), which must be positive, e.g. 240s and 60s");
            }
        }
    }

    /** A running campaign: {@link #stepDown} ends it and releases the Lease if held. */
    public static final class Campaign {
        private final CompletableFuture<?> elector;
        private final AtomicBoolean steppingDown;
        private final AtomicBoolean leading;
        private final AtomicReference<String> leader;

        private Campaign(CompletableFuture<?> elector, AtomicBoolean steppingDown, AtomicBoolean leading,
                AtomicReference<String> leader) {
            this.elector = elector;
            this.steppingDown = steppingDown;
            this.leading = leading;
            this.leader = leader;
        }

        /**
         * Stops campaigning and releases the Lease. Stop whatever the Lease guards (the controller) first: once
         * released, another replica may start reconciling.
         */
        public void stepDown() {
            steppingDown.set(true);
            elector.cancel(true);  // fabric8 releases synchronously when built withReleaseOnCancel(true)
            leading.set(false);
        }

        public boolean isLeading() {
            return leading.get();
        }

        /** The holder of the Lease as last seen ("" when nobody holds it or it was not read yet). */
        public String leader() {
            return leader.get();
        }
    }

    /** Campaigns as this pod ({@code $POD_NAME}, else host name and a random suffix). */
    public static Campaign runWhenLeader(KubernetesClient client, String namespace, Timings timings,
            Runnable onLeading, Runnable onLost) {
        return runWhenLeader(client, namespace, identity(), timings, onLeading, onLost, leading -> { });
    }

    /** Campaigns as this pod, telling {@code status} each change of leadership (the leader metric). */
    public static Campaign runWhenLeader(KubernetesClient client, String namespace, Timings timings,
            Runnable onLeading, Runnable onLost, Consumer<Boolean> status) {
        return runWhenLeader(client, namespace, identity(), timings, onLeading, onLost, status);
    }

    /**
     * Starts campaigning as {@code identity}: {@code onLeading} once the Lease is held; {@code onLost} when it is
     * lost (not after {@link Campaign#stepDown}); {@code status} with each change (for the leader metric).
     */
    public static Campaign runWhenLeader(KubernetesClient client, String namespace, String identity,
            Timings timings, Runnable onLeading, Runnable onLost, Consumer<Boolean> status) {
        LOG.info("waiting to become leader (Lease {}/{}, identity {}, lease {}s, renew deadline {}s, retry {}s)",
                namespace, LEASE, identity, timings.leaseDuration().toSeconds(), timings.renewDeadline().toSeconds(),
                timings.retryPeriod().toMillis() / 1000.0);
        AtomicBoolean steppingDown = new AtomicBoolean();
        AtomicBoolean leading = new AtomicBoolean();
        AtomicReference<String> leader = new AtomicReference<>("");
        CompletableFuture<?> elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE)
                .withLock(new ReleasableLeaseLock(namespace, identity))
                .withLeaseDuration(timings.leaseDuration())
                .withRenewDeadline(timings.renewDeadline())
                .withRetryPeriod(timings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leading.set(true);
                            status.accept(true);
                            LOG.info("became leader: starting the controller");
                            onLeading.run();
                        },
                        () -> {
                            leading.set(false);
                            status.accept(false);
                            if (steppingDown.get()) {
                                LOG.info("stepped down: released the Lease {}/{}", namespace, LEASE);
                            } else {
                                LOG.warn("lost the Lease {}/{} (not renewed within {}s): stopping", namespace, LEASE,
                                        timings.renewDeadline().toSeconds());
                                onLost.run();
                            }
                        },
                        holder -> {
                            leader.set(holder == null ? "" : holder);
                            LOG.info("leader is now {}", leader.get().isEmpty() ? "nobody" : holder);
                        }))
                .build()).build().start();
        return new Campaign(elector, steppingDown, leading, leader);
    }

    /**
     * fabric8's release writes a null holder, which its JSON merge patch drops: the Lease would keep naming this
     * replica. Write "" instead, as client-go does, so that the Lease shows nobody holds it.
     */
    private static final class ReleasableLeaseLock extends LeaseLock {
        ReleasableLeaseLock(String namespace, String identity) {
            super(namespace, LEASE, identity);
        }

        @Override
        protected Lease toResource(LeaderElectionRecord record, ObjectMetaBuilder meta) {
            Lease lease = super.toResource(record, meta);
            if (lease.getSpec().getHolderIdentity() == null) {
                lease.getSpec().setHolderIdentity("");
            }
            return lease;
        }
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
