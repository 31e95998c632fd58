package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.events.EventAdapter;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Tells the user about an ImageBasedUpgrade the agent cannot read: a warning in the log and a Warning Event
 * {@value #REASON} on the object ({@code kubectl describe ibu upgrade}), once per resourceVersion. Written here, not
 * through the engine's EventPort, because that adapter reads the object typed to find its uid, which is what fails.
 */
final class UnreadableIbuReport {
    static final String REASON = "UnreadableObject";
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableIbuReport.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private String lastReported;

    UnreadableIbuReport(KubernetesClient client) {
        this.client = client;
    }

    synchronized void report(GenericKubernetesResource raw, IbuDecoding.Unreadable why) {
        String version = raw.getMetadata().getResourceVersion();
        if (Objects.equals(version, lastReported)) {
            return;
        }
        lastReported = version;
        String message = why.message(version);
        LOG.warn("{}", message);
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
        String now = ClockPort.system().now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(EventAdapter.NAMESPACE).resource(new EventBuilder().withNewMetadata()
                    .withName(ImageBasedUpgradeResource.NAME + "." + UUID.randomUUID())
                    .withNamespace(EventAdapter.NAMESPACE).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(ImageBasedUpgradeResource.GROUP
                            + "/" + ImageBasedUpgradeResource.VERSION).withKind("ImageBasedUpgrade")
                            .withName(ImageBasedUpgradeResource.NAME).withUid(raw.getMetadata().getUid())
                            .withResourceVersion(version).build())
                    .withType("Warning").withReason(REASON).withMessage(text)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(EventAdapter.COMPONENT).endSource()
                    .withReportingComponent(EventAdapter.COMPONENT).build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record the {} event on ImageBasedUpgrade {}: {}", REASON,
                    ImageBasedUpgradeResource.NAME, e.getMessage());
        }
    }
}
