package dev.ibu.adapters.k8s.fleet;

import dev.ibu.ports.fleet.HubEventsPort;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.EventPort;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Events on an IBGU, in its namespace ({@code kubectl describe ibgu} shows them). Best effort. */
final class HubEventAdapter implements HubEventsPort {
    static final String COMPONENT = "ibu-hub";
    static final int MAX_MESSAGE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HubEventAdapter.class);

    private final KubernetesClient client;
    private final ClockPort clock;
    private final AtomicLong sequence = new AtomicLong();

    HubEventAdapter(KubernetesClient client, ClockPort clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void emit(IbguRef ibgu, EventPort.Type type, String reason, String message) {
        String kind = type == EventPort.Type.WARNING ? "Warning" : "Normal";
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
        Instant at = clock.now();
        String now = at.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(ibgu.namespace()).resource(new EventBuilder().withNewMetadata()
                    .withName(ibgu.name() + "." + Long.toHexString(at.getEpochSecond() * 1_000_000_000L + at.getNano())
                            + "." + sequence.incrementAndGet())
                    .withNamespace(ibgu.namespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("lcm.openshift.io/v1alpha1")
                            .withKind("ImageBasedGroupUpgrade").withNamespace(ibgu.namespace())
                            .withName(ibgu.name()).build())
                    .withType(kind).withReason(reason).withMessage(text)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record {} event {} on ImageBasedGroupUpgrade {}: {}", kind, reason, ibgu,
                    e.getMessage());
        }
    }
}
