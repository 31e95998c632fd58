package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server goes away in the middle of the post-pivot restore for longer than the old renew deadline (10 s):
 * the agent that started in the new stateroot has restored the ImageBasedUpgrade saved there and waits for the
 * cluster to stabilize when every connection is cut. It keeps its Lease, and once the server is back it finishes the
 * upgrade: UpgradeCompleted. The same loopback proxy and mock API server as {@link ApiOutageIT}; outcomes only.
 */
class PostPivotOutageIT {
    private static final String NS = "ibu-test";
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /** As in {@link ApiOutageIT}: a renew deadline that outlasts the outage (the old 10 s one does not). */
    private static final LeaderElection.Timings TIMINGS = new LeaderElection.Timings(Duration.ofSeconds(36),
            Duration.ofSeconds(30), Duration.ofSeconds(3));

    private final MockApi api = new MockApi();
    private final TestWorld world = TestWorld.fresh();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<Agent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
    private TcpProxy proxy;

    /** One agent process: its client (through the proxy), its controller and its campaign for the Lease. */
    private record Agent(KubernetesClient client, Controller controller, LeaderElection.Campaign campaign,
            AtomicBoolean lost) {
        /** The process dies (the node reboots): its client goes first, so nothing is released. */
        void die() {
            controller.close();
            client.close();
            try {
                campaign.stepDown();  // only stops the elector's thread: the release cannot reach the server
            } catch (RuntimeException closedClient) {
                // as a dead process: nothing was released
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        ticker.shutdownNow();
        for (Agent a : agents) {
            a.controller().close();
            a.campaign().stepDown();
            a.client().close();
        }
        if (proxy != null) {
            proxy.close();
        }
        api.close();
    }

    @Test
    void an_api_outage_mid_post_pivot_keeps_the_lease_and_the_upgrade_completes() throws Exception {
        proxy = new TcpProxy(api.port());
        // the host's jobs (stateroot setup, precache) advance on their own, as on a node; until the pivot, their
        // progress wakes the agent (not its 30 s requeue) so that Prep and Upgrade take seconds
        AtomicBoolean wakeOnProgress = new AtomicBoolean(true);
        ticker.scheduleWithFixedDelay(() -> {
            world.tick();
            if (wakeOnProgress.get()) {
                agents.forEach(a -> a.controller().enqueue());
            }
        }, 100, 100, TimeUnit.MILLISECONDS);

        Agent before = start("agent-a");
        Eventually.until("leading, the CR created and Idle", () -> before.campaign().isLeading() && condition("Idle"));
        patch("{\"spec\": {\"stage\": \"Prep\", \"seedImageRef\": {\"version\": \"" + TestWorld.DEFAULT_SEED_VERSION
                + "\", \"image\": \"" + TestWorld.DEFAULT_SEED_IMAGE + "\"}}}");
        Eventually.until("Prep completed", () -> condition("PrepCompleted"));
        patch("{\"spec\": {\"stage\": \"Upgrade\"}}");
        Eventually.until("the pivot: the new stateroot is the default, a reboot is due",
                () -> world.host().rebootPending());

        // the node reboots into the new stateroot: the agent dies; the seed's cluster has no IBU and no Lease yet,
        // and it is not healthy at first
        wakeOnProgress.set(false);  // from here on the agent finds its own way back
        before.die();
        agents.remove(before);
        api.client().genericKubernetesResources(IbuDecoding.KIND).withName("upgrade").delete();
        api.client().resources(Lease.class).inNamespace(NS).withName(LeaderElection.LEASE).delete();
        Eventually.until("the old objects are gone", () -> current().isEmpty());
        world.cluster().setHealth(HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet ready: "
                + "authentication");
        assertThat(world.completeReboot()).isEqualTo(world.newStateroot());
        world.restartAgent();

        Agent after = start("agent-b");
        Eventually.until("the saved IBU restored, the post-pivot waiting for the cluster", () ->
                after.campaign().isLeading() && condition("UpgradeInProgress") && inProgressMessage().isDefined()
                        && inProgressMessage().get().startsWith("Waiting for system to stabilize"));

        long downAt = System.nanoTime();
        proxy.down();
        // that readiness reports the lost watch is ApiOutageIT's assertion; here the outage only has to be felt (a
        // watch that was idle when the proxy went down may take longer than a loaded machine allows to notice)
        Eventually.until("the agent tries the API server and is refused", () -> proxy.refused() > 0);
        world.cluster().setHealthy();  // the cluster stabilizes while the agent cannot reach the API server
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
        assertThat(proxy.refused()).as("the agent kept trying during the outage").isPositive();
        proxy.up();

        Eventually.until("the upgrade completes", () -> condition("UpgradeCompleted"));
        Eventually.until("the informer watches again", () -> after.controller().problem().isEmpty());
        assertThat(condition("UpgradeInProgress")).isFalse();
        assertThat(world.host().bootedStateroot()).isEqualTo(world.newStateroot());
        assertThat(after.lost()).as("the Lease was never lost").isFalse();
        assertThat(after.campaign().isLeading()).isTrue();
        Lease lease = api.client().resources(Lease.class).inNamespace(NS).withName(LeaderElection.LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("agent-b");
        assertThat(lease.getSpec().getLeaseTransitions()).as("no other holder meanwhile").isZero();
    }

    /**
     * An agent on {@link #world}: the IBU resource and ConfigMaps through the proxy (what the outage cuts), the rest
     * of the ports in memory; it campaigns for the Lease and reconciles once it leads.
     */
    private Agent start(String identity) {
        ApiRetryPolicy retries = new ApiRetryPolicy(Duration.ofMillis(200), 3);
        KubernetesClient client = api.client(b -> b.withMasterUrl(proxy.url())
                .withRequestRetryBackoffInterval((int) retries.interval().toMillis())
                .withRequestRetryBackoffLimit(retries.retries()));
        TestWorld w = world;
        EnginePorts ports = new EnginePorts(new IbuResourceAdapter(client), new ConfigMapAdapter(client), w.cluster(),
                w.cluster(), w.cluster(), w.cluster(), w.velero(), w.registry(), w.host(), w.precache(), w.host(),
                w.host(), w.host(), w.cluster(), w.clock(), w.clusterConfig(), w.configFiles());
        Controller controller = new Controller(client, new UpgradeEngine(ports), new Controller.Settings(
                Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(1)), r -> { });
        AtomicBoolean lost = new AtomicBoolean();
        LeaderElection.Campaign campaign = LeaderElection.runWhenLeader(client, NS, identity, TIMINGS,
                controller::start, () -> lost.set(true), leading -> { });
        Agent agent = new Agent(client, controller, campaign, lost);
        agents.add(agent);
        return agent;
    }

    private void patch(String mergePatch) {
        api.client().genericKubernetesResources(IbuDecoding.KIND).withName("upgrade")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private boolean condition(String type) {
        return current().flatMap(i -> i.status().conditions().find(type)).exists(c -> c.isTrue());
    }

    private Option<String> inProgressMessage() {
        return current().flatMap(i -> i.status().conditions().find("UpgradeInProgress")).map(c -> c.message());
    }

    private Option<ImageBasedUpgrade> current() {
        return new IbuResourceAdapter(api.client()).read().getOrElse(Option.none());
    }
}
