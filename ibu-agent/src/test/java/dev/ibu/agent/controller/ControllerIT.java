package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.agent.StrictCluster;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller loop as the agent's ServiceAccount on the strict API server: the real IBU adapter and informer, the test kit for the
 * host. Creating the CR at start-up and reacting to a {@code spec.stage} patch are what {@code run} must do.
 */
class ControllerIT {
    private StrictCluster api;
    private Controller controller;
    private final List<ReconcileResult> results = new CopyOnWriteArrayList<>();
    private IbuResourceAdapter resource;

    @BeforeEach
    void start() {
        api = StrictCluster.start(getClass());
        TestWorld w = TestWorld.fresh();
        resource = new IbuResourceAdapter(api.agent());
        EnginePorts ports = new EnginePorts(resource, new ConfigMapAdapter(api.agent()),
                new PullSecretAdapter(api.agent(), EngineSettings.DEFAULT_NAMESPACE), w.cluster(), w.cluster(),
                w.cluster(), w.velero(), w.registry(), w.host(), w.precache(), w.host(), w.host(), w.host(),
                w.cluster(), w.clock(), w.clusterConfig(), w.configFiles());
        controller = new Controller(api.agent(), new UpgradeEngine(ports), new Controller.Settings(
                Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
                results::add);
    }

    @AfterEach
    void stop() {
        controller.close();
        api.close();
    }

    @Test
    void creates_the_cr_at_start_up_and_reconciles_a_patch_to_prep() throws Exception {
        controller.start();
        Eventually.until("the CR is created Idle and reconciled once", () -> !results.isEmpty()
                && current().isDefined());
        assertThat(current().get().spec().stage().wireName()).isEqualTo("Idle");

        api.admin().genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"stage\": \"Prep\", \"seedImageRef\": "
                        + "{\"version\": \"" + TestWorld.DEFAULT_SEED_VERSION + "\", \"image\": \""
                        + TestWorld.DEFAULT_SEED_IMAGE + "\"}}}");

        // the accepted transition is written ("In progress") before the pass launches the job: wait for the job
        Eventually.until("Prep is in progress with its stateroot job launched", () -> current().flatMap(i -> i.status()
                .conditions().find("PrepInProgress")).exists(c -> c.isTrue()
                && c.message().startsWith("Successfully launched a new job for stateroot setup")));
    }

    @Test
    void a_deleted_cr_is_created_again() throws Exception {
        controller.start();
        Eventually.until("the CR exists", () -> current().isDefined() && !results.isEmpty());
        String uid = api.admin().genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade")
                .withName("upgrade").get().getMetadata().getUid();

        resource.delete();

        Eventually.until("a new CR exists", () -> api.admin().genericKubernetesResources("lca.openshift.io/v1",
                "ImageBasedUpgrade").withName("upgrade").get() != null && !uid.equals(api.admin()
                .genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade").get()
                .getMetadata().getUid()));
    }

    @Test
    void a_cr_deleted_mid_prep_is_restored_with_its_status() throws Exception {
        controller.start();
        Eventually.until("the CR exists", () -> current().isDefined() && !results.isEmpty());
        api.admin().genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"stage\": \"Prep\", \"seedImageRef\": "
                        + "{\"version\": \"" + TestWorld.DEFAULT_SEED_VERSION + "\", \"image\": \""
                        + TestWorld.DEFAULT_SEED_IMAGE + "\"}}}");
        Eventually.until("Prep is in progress", () -> current().flatMap(i -> i.status().conditions()
                .find("PrepInProgress")).exists(c -> c.isTrue()));

        resource.delete();

        Eventually.until("the CR is back, still in Prep", () -> current().exists(i -> i.spec().stage().wireName()
                .equals("Prep") && i.status().conditions().find("PrepInProgress").isDefined()));
    }

    private io.vavr.control.Option<ImageBasedUpgrade> current() {
        return resource.read().getOrElse(io.vavr.control.Option.none());
    }
}
