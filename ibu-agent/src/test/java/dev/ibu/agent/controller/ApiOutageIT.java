package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileResult;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server goes away in the middle of Prep for longer than the old renew deadline (10 s), behind a proxy that
 * cuts every connection: the agent keeps its Lease, says it is not ready while it cannot watch, and once the server is
 * back it reconciles what changed meanwhile. Outcomes only are asserted.
 */
class ApiOutageIT {
    private static final String NS = "ibu-test";
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /**
     * Scaled down from the SNO timings so the test is short; what matters is that the renew deadline outlasts the
     * outage with room for a slow machine (the old 10 s deadline does not: with 15/10/2 this test loses the Lease).
     */
    private static final LeaderElection.Timings TIMINGS = new LeaderElection.Timings(Duration.ofSeconds(36),
            Duration.ofSeconds(30), Duration.ofSeconds(3));

    private final MockApi api = new MockApi();
    private TcpProxy proxy;
    private KubernetesClient agentClient;
    private Controller controller;
    private LeaderElection.Campaign campaign;
    private final List<ReconcileResult> results = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lost = new AtomicBoolean();

    @AfterEach
    void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (campaign != null) {
            campaign.stepDown();
        }
        if (agentClient != null) {
            agentClient.close();
        }
        proxy.close();
        api.close();
    }

    @Test
    void an_api_outage_mid_prep_keeps_the_lease_and_the_agent_catches_up_when_the_server_is_back() throws Exception {
        proxy = new TcpProxy(api.port());
        ApiRetryPolicy retries = new ApiRetryPolicy(Duration.ofMillis(200), 3);
        agentClient = api.client(b -> b.withMasterUrl(proxy.url())
                .withRequestRetryBackoffInterval((int) retries.interval().toMillis())
                .withRequestRetryBackoffLimit(retries.retries()));
        TestWorld w = TestWorld.fresh();
        IbuResourceAdapter resource = new IbuResourceAdapter(agentClient);
        EnginePorts ports = new EnginePorts(resource, new ConfigMapAdapter(agentClient),
                new PullSecretAdapter(agentClient, EngineSettings.DEFAULT_NAMESPACE), w.cluster(), w.cluster(),
                w.cluster(), w.velero(), w.registry(), w.host(), w.precache(), w.host(), w.host(), w.host(),
                w.cluster(), w.clock());
        controller = new Controller(agentClient, new UpgradeEngine(ports), new Controller.Settings(
                Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(1)),
                results::add);
        campaign = LeaderElection.runWhenLeader(agentClient, NS, "agent-a", TIMINGS, controller::start,
                () -> lost.set(true), leading -> { });

        Eventually.until("leading, the CR created and reconciled", () -> campaign.isLeading() && !results.isEmpty()
                && current().isDefined());
        patch("{\"spec\": {\"stage\": \"Prep\", \"seedImageRef\": {\"version\": \"" + TestWorld.DEFAULT_SEED_VERSION
                + "\", \"image\": \"" + TestWorld.DEFAULT_SEED_IMAGE + "\"}}}");
        Eventually.until("Prep in progress", () -> condition("PrepInProgress"));

        long downAt = System.nanoTime();
        proxy.down();
        Eventually.until("the controller reports it cannot watch", () -> controller.problem().isPresent());
        patch("{\"spec\": {\"stage\": \"Idle\"}}");  // the user aborts while the agent cannot see it
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
        assertThat(proxy.refused()).as("the agent kept trying during the outage").isPositive();
        proxy.up();

        Eventually.until("the abort is reconciled: Idle again", () -> condition("Idle")
                && !condition("PrepInProgress"));
        Eventually.until("the informer watches again", () -> controller.problem().isEmpty());
        assertThat(lost).as("the Lease was never lost").isFalse();
        assertThat(campaign.isLeading()).isTrue();
        Lease lease = api.client().resources(Lease.class).inNamespace(NS).withName(LeaderElection.LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("agent-a");
        assertThat(lease.getSpec().getLeaseTransitions()).as("no other holder meanwhile").isZero();
    }

    private void patch(String mergePatch) {
        api.client().genericKubernetesResources(IbuDecoding.KIND).withName("upgrade")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private boolean condition(String type) {
        return current().flatMap(i -> i.status().conditions().find(type)).exists(c -> c.isTrue());
    }

    private Option<ImageBasedUpgrade> current() {
        return new IbuResourceAdapter(api.client()).read().getOrElse(Option.none());
    }
}
