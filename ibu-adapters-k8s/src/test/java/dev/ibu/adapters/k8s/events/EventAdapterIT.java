package dev.ibu.adapters.k8s.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.Fault;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events written by the agent's ServiceAccount, read back by an administrator. */
class EventAdapterIT {
    AgentApi api;
    KubernetesClient client;
    ManualClock clock = new ManualClock(Instant.parse("2024-01-01T09:00:00Z"));
    EventAdapter events;
    String uid;

    @BeforeEach
    void setUp() {
        api = AgentApi.start(getClass());
        client = api.admin();
        new IbuResourceAdapter(api.agent()).create(ImageBasedUpgrade.fresh()).get();
        uid = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade").get()
                .getMetadata().getUid();
        events = new EventAdapter(api.agent(), clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<Event> recorded() {
        List<Event> list = new java.util.ArrayList<>(client.v1().events().inNamespace("default").list().getItems());
        list.sort(Comparator.comparing(e -> e.getMetadata().getName()));
        return list;
    }

    @Test
    void records_events_on_the_upgrade_resource() {
        events.emit(EventPort.Type.NORMAL, "TransitionAccepted", "Stage transition to Prep accepted");
        events.emit(EventPort.Type.WARNING, "PrepFailed", "failed to validate IBU spec: x");

        List<Event> all = recorded();
        assertThat(all).extracting(Event::getType).containsExactlyInAnyOrder("Normal", "Warning");
        Event accepted = all.stream().filter(e -> e.getReason().equals("TransitionAccepted")).findFirst().get();
        assertThat(accepted.getMessage()).isEqualTo("Stage transition to Prep accepted");
        assertThat(accepted.getInvolvedObject().getKind()).isEqualTo("ImageBasedUpgrade");
        assertThat(accepted.getInvolvedObject().getName()).isEqualTo("upgrade");
        assertThat(accepted.getInvolvedObject().getApiVersion()).isEqualTo("lca.openshift.io/v1");
        assertThat(accepted.getInvolvedObject().getUid()).isEqualTo(uid);
        assertThat(accepted.getSource().getComponent()).isEqualTo("lifecycle-agent");
        assertThat(accepted.getFirstTimestamp()).isEqualTo("2024-01-01T09:00:00Z");
    }

    @Test
    void a_repeated_event_is_counted_not_duplicated() {
        events.emit(EventPort.Type.NORMAL, "Waiting", "Waiting for system to stabilize");
        clock.advance(Duration.ofSeconds(20));
        events.emit(EventPort.Type.NORMAL, "Waiting", "Waiting for system to stabilize");
        events.emit(EventPort.Type.NORMAL, "Other", "something else");

        List<Event> all = recorded();
        assertThat(all).hasSize(2);
        Event waiting = all.stream().filter(e -> e.getReason().equals("Waiting")).findFirst().get();
        assertThat(waiting.getCount()).isEqualTo(2);
        assertThat(waiting.getLastTimestamp()).isEqualTo("2024-01-01T09:00:20Z");
        assertThat(waiting.getFirstTimestamp()).isEqualTo("2024-01-01T09:00:00Z");
    }

    @Test
    void long_messages_are_cut_and_a_failing_api_is_only_logged() {
        events.emit(EventPort.Type.WARNING, "Long", "x".repeat(5000));
        assertThat(recorded().get(0).getMessage()).hasSize(1024).endsWith("...");

        api.server().inject(Fault.when(r -> r.resource().equals("events") && r.verb().equals("create"))
                .status(403, "Forbidden", "events is forbidden: denied by an admission webhook").always());
        EventAdapter denied = new EventAdapter(api.agent(), clock);
        denied.emit(EventPort.Type.WARNING, "Denied", "not recorded");
        assertThat(recorded()).hasSize(1);
    }
}
