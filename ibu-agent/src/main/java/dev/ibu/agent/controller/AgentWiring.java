package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.clusterconfig.ClusterConfigAdapter;
import dev.ibu.adapters.k8s.config.ClusterInfoAdapter;
import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.events.EventAdapter;
import dev.ibu.adapters.k8s.health.ClusterHealthAdapter;
import dev.ibu.adapters.k8s.manifests.ExtraManifestAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.adapters.oadp.OadpBackupAdapter;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;

/**
 * The composition root of {@code run}: the Kubernetes and OADP adapters on one client, and the host adapters
 * (or {@link UnavailableHost} when the agent has no host).
 */
public final class AgentWiring {
    /** The host-side ports, real or unavailable. */
    public record HostPorts(StaterootPort stateroots, SeedImagePort seedImages, PrecachePort precache,
                            RebootPort reboot, StateStorePort stateStore, CertificatePort certificates,
                            ClusterConfigFilesPort configFiles, String description) {
        public static HostPorts unavailable() {
            UnavailableHost h = new UnavailableHost();
            return new HostPorts(h, h, new UnavailableHost.Precache(), h, h, h, h, "none: " + UnavailableHost.MESSAGE);
        }
    }

    private AgentWiring() {
    }

    public static EnginePorts ports(KubernetesClient client, String namespace, HostPorts host) {
        ClockPort clock = Instant::now;
        return new EnginePorts(new IbuResourceAdapter(client), new ConfigMapAdapter(client),
                new PullSecretAdapter(client, namespace), new ClusterHealthAdapter(client),
                new ClusterInfoAdapter(client), new ExtraManifestAdapter(client), new OadpBackupAdapter(client, clock),
                host.seedImages(), host.stateroots(), host.precache(), host.reboot(), host.stateStore(),
                host.certificates(), new EventAdapter(client, clock), clock, new ClusterConfigAdapter(client),
                host.configFiles());
    }
}
