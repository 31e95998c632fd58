package dev.ibu.adapters.k8s;

import dev.ibu.adapters.k8s.config.ClusterInfoAdapter;
import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.events.EventAdapter;
import dev.ibu.adapters.k8s.health.ClusterHealthAdapter;
import dev.ibu.adapters.k8s.manifests.ExtraManifestAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Objects;

/**
 * Wires every cluster-facing port on one Kubernetes client (as {@code HostAdapters} does the host's): the one way
 * this module's adapters are built, by its {@code K8sPortProvider} and by anyone who wants them by hand. The client
 * belongs to the caller, who closes it.
 */
public final class K8sAdapters {
    /** Where the agent runs (and reads the seed's pull secret) unless told otherwise, as upstream. */
    public static final String DEFAULT_NAMESPACE = "openshift-lifecycle-agent";

    private final KubernetesClient client;
    private final String namespace;
    private final ClockPort clock;

    /**
     * @param namespace the agent's namespace, where the pull secret is read
     * @param clock     stamps events
     */
    public K8sAdapters(KubernetesClient client, String namespace, ClockPort clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IbuResourceAdapter resource() {
        return new IbuResourceAdapter(client);
    }

    public ConfigMapAdapter configMaps() {
        return new ConfigMapAdapter(client);
    }

    public PullSecretAdapter pullSecrets() {
        return new PullSecretAdapter(client, namespace);
    }

    public ClusterHealthAdapter health() {
        return new ClusterHealthAdapter(client);
    }

    public ClusterInfoAdapter clusterInfo() {
        return new ClusterInfoAdapter(client);
    }

    public ExtraManifestAdapter extraManifests() {
        return new ExtraManifestAdapter(client);
    }

    public EventAdapter events() {
        return new EventAdapter(client, clock);
    }
}
