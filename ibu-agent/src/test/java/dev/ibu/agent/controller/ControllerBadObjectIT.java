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
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ImageBasedUpgrade that Java cannot read, written as raw JSON (the mock stores it as given, as a real API server
 * would for a schema this agent does not know): the agent says which field and value it could not read, keeps
 * watching, and reconciles the fixed object.
 */
class ControllerBadObjectIT {
    private static final String PATH = "/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade";
    private MockApi api;
    private Controller controller;
    private IbuResourceAdapter resource;
    private final List<ReconcileResult> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        api = new MockApi();
        TestWorld w = TestWorld.fresh();
        resource = new IbuResourceAdapter(api.client());
        EnginePorts ports = new EnginePorts(resource, new ConfigMapAdapter(api.client()),
                new PullSecretAdapter(api.client(), EngineSettings.DEFAULT_NAMESPACE), w.cluster(), w.cluster(),
                w.cluster(), w.velero(), w.registry(), w.host(), w.precache(), w.host(), w.host(), w.host(),
                w.cluster(), w.clock());
        controller = new Controller(api.client(), new UpgradeEngine(ports), new Controller.Settings(
                Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
                results::add);
    }

    @AfterEach
    void stop() {
        controller.close();
        api.close();
    }

    @Test
    void an_unreadable_ibu_is_reported_by_field_and_value_and_the_fixed_one_is_reconciled() throws Exception {
        controller.start();
        Eventually.until("the CR is created and reconciled", () -> !results.isEmpty() && current().isDefined());

        assertThat(put(Map.of("stage", "Idle", "autoRollbackOnFailure", Map.of("initMonitorTimeoutSeconds", "soon"))))
                .isEqualTo(200);

        Eventually.until("a Warning event names the field and the value", () -> unreadableEvents().stream()
                .anyMatch(e -> e.getMessage()
                        .contains("spec.autoRollbackOnFailure.initMonitorTimeoutSeconds = \"soon\"")
                        && e.getMessage().contains("kubectl edit ibu upgrade") && "Warning".equals(e.getType())));
        assertThat(controller.problem()).as("the informer is still healthy").isEmpty();

        assertThat(put(Map.of("stage", "Prep", "seedImageRef", Map.of("version", TestWorld.DEFAULT_SEED_VERSION,
                "image", TestWorld.DEFAULT_SEED_IMAGE)))).isEqualTo(200);

        Eventually.until("the fixed CR is reconciled into Prep", () -> current().flatMap(i -> i.status().conditions()
                .find("PrepInProgress")).exists(c -> c.isTrue()));
        assertThat(controller.problem()).isEmpty();
        assertThat(unreadableEvents()).as("one event per unreadable version").hasSize(1);
    }

    @Test
    void an_informer_that_stops_is_started_again() throws Exception {
        controller.start();
        Eventually.until("the CR is created and reconciled", () -> !results.isEmpty() && current().isDefined()
                && controller.informer() != null && controller.informer().current().isWatching());
        var first = controller.informer().current();

        first.stop();

        Eventually.until("a new informer watches", () -> controller.informer().current() != first
                && controller.informer().current().isWatching());
        int before = results.size();
        assertThat(put(Map.of("stage", "Prep", "seedImageRef", Map.of("version", TestWorld.DEFAULT_SEED_VERSION,
                "image", TestWorld.DEFAULT_SEED_IMAGE)))).isEqualTo(200);
        Eventually.until("the new informer queues the change", () -> results.size() > before && current()
                .flatMap(i -> i.status().conditions().find("PrepInProgress")).exists(c -> c.isTrue()));
    }

    /** Replaces the spec with {@code spec} by a raw PUT of the current object. */
    private int put(Map<String, Object> spec) throws Exception {
        GenericKubernetesResource raw = api.client().genericKubernetesResources(IbuDecoding.KIND).withName("upgrade")
                .get();
        raw.setAdditionalProperty("spec", spec);
        return api.send("PUT", PATH, Serialization.asJson(raw));
    }

    private List<Event> unreadableEvents() {
        return api.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> UnreadableIbuReport.REASON.equals(e.getReason())).toList();
    }

    private Option<ImageBasedUpgrade> current() {
        return resource.read().getOrElse(Option.none());
    }
}
