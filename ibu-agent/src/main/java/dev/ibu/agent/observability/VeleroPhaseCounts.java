package dev.ibu.agent.observability;

import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.adapters.oadp.VeleroKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts Velero Backups and Restores in the OADP namespace by {@code status.phase} ("New" when it has none yet), read
 * at scrape time. When OADP is not installed or the API server cannot be reached there are no samples.
 */
public final class VeleroPhaseCounts implements ReconcileMetrics.VeleroPhases {
    private static final Logger LOG = LoggerFactory.getLogger(VeleroPhaseCounts.class);

    private final KubernetesClient client;
    private final String namespace;

    public VeleroPhaseCounts(KubernetesClient client) {
        this(client, OadpNames.OADP_NAMESPACE);
    }

    public VeleroPhaseCounts(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Map<String, Integer> backups() {
        return count(VeleroKinds.BACKUP);
    }

    @Override
    public Map<String, Integer> restores() {
        return count(VeleroKinds.RESTORE);
    }

    private Map<String, Integer> count(ResourceDefinitionContext kind) {
        Map<String, Integer> byPhase = new TreeMap<>();
        try {
            for (GenericKubernetesResource r : client.genericKubernetesResources(kind).inNamespace(namespace).list()
                    .getItems()) {
                byPhase.merge(phase(r), 1, Integer::sum);
            }
        } catch (KubernetesClientException e) {
            LOG.debug("cannot list {} in {} for metrics: {}", kind.getPlural(), namespace, e.getMessage());
            return Map.of();
        }
        return byPhase;
    }

    private static String phase(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> m && m.get("phase") instanceof String p && !p.isEmpty()) {
            return p;
        }
        return "New";
    }
}
