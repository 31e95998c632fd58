package dev.ibu.adapters.k8s.events;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.EventPort;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on the {@code upgrade} resource ({@code kubectl describe ibu upgrade} shows them). Like
 * client-go's recorder: cluster-scoped objects get their events in {@code default}; an event equal to the previous
 * one (type, reason, message) bumps its count instead of adding another, so a stage that keeps waiting does not
 * flood the namespace. Best effort: a failure is logged, never returned.
 */
public final class EventAdapter implements EventPort {
    public static final String NAMESPACE = "default";
    public static final String COMPONENT = "lifecycle-agent";
    /** The API server refuses longer event messages (events.k8s.io note limit). */
    static final int MAX_MESSAGE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EventAdapter.class);

    private final KubernetesClient client;
    private final ClockPort clock;
    private Event last;
    private long sequence;

    public EventAdapter(KubernetesClient client, ClockPort clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public synchronized void emit(Type type, String reason, String message) {
        String kind = type == Type.WARNING ? "Warning" : "Normal";
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
        String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            String uid = uid();
            if (last != null && kind.equals(last.getType()) && reason.equals(last.getReason())
                    && text.equals(last.getMessage()) && Objects.equals(last.getInvolvedObject().getUid(), uid)) {
                try {
                    // a patch, as client-go's recorder counts: the agent's Role grants events create and patch only
                    int count = (last.getCount() == null ? 1 : last.getCount()) + 1;
                    // (the item as the merge patch: no GET first, which the Role does not grant)
                    last = client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder(last)
                            .withCount(count).withLastTimestamp(now).build()).patch(PatchContext.of(PatchType.JSON_MERGE));
                    return;
                } catch (KubernetesClientException e) {
                    LOG.debug("event {} could not be counted ({}); recording a new one", last.getMetadata().getName(),
                            e.getMessage()); // expired (events live about an hour) or changed
                }
            }
            last = client.v1().events().inNamespace(NAMESPACE).resource(event(kind, reason, text, now, uid))
                    .create();
        } catch (KubernetesClientException e) {
            last = null;
            LOG.warn("could not record {} event {} on ImageBasedUpgrade upgrade: {}", kind, reason, e.getMessage());
        }
    }

    private Event event(String kind, String reason, String message, String now, String uid) {
        Instant at = clock.now();
        // client-go names events <object>.<unix nanos in hex>; the sequence keeps names unique under a frozen clock
        return new EventBuilder().withNewMetadata()
                .withName(ImageBasedUpgradeResource.NAME + "." + Long.toHexString(at.getEpochSecond() * 1_000_000_000L
                        + at.getNano()) + "." + (++sequence))
                .withNamespace(NAMESPACE).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(ImageBasedUpgradeResource.GROUP + "/"
                        + ImageBasedUpgradeResource.VERSION).withKind("ImageBasedUpgrade")
                        .withName(ImageBasedUpgradeResource.NAME).withUid(uid).build())
                .withType(kind).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
    }

    /** The uid ties the event to this incarnation of the resource (it is recreated after a pivot). */
    private String uid() {
        ImageBasedUpgradeResource ibu = client.resources(ImageBasedUpgradeResource.class)
                .withName(ImageBasedUpgradeResource.NAME).get();
        return ibu == null ? null : ibu.getMetadata().getUid();
    }
}
