package dev.ibu.agent.local;

import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.agent.local.sim.FailStep;
import dev.ibu.agent.local.sim.SimClock;
import dev.ibu.agent.local.sim.SimCluster;
import dev.ibu.agent.local.sim.SimFaults;
import dev.ibu.agent.local.sim.SimHost;
import dev.ibu.agent.local.sim.SimPrecache;
import dev.ibu.agent.local.sim.SimVelero;
import dev.ibu.agent.local.sim.SimWorldDefaults;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EngineSettings;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Local mode's world: the REAL Kubernetes adapters (IBU resource, ConfigMaps, pull secret) on a client to the
 * embedded API server, and simulated host, precache, OADP, health and registry sharing one simulated clock.
 */
final class SimWorld {
    final SimClock clock = new SimClock(SimWorldDefaults.START);
    final SimFaults faults;
    final SimHost host;
    final SimCluster cluster;
    final SimPrecache precache;
    final SimVelero velero;
    final EnginePorts ports;

    SimWorld(KubernetesClient client, Set<FailStep> failing, Consumer<String> events) {
        faults = new SimFaults(failing);
        ConfigMapAdapter configMaps = new ConfigMapAdapter(client);
        host = new SimHost(clock, faults);
        cluster = new SimCluster(clock, configMaps, events);
        precache = new SimPrecache(clock, faults);
        velero = new SimVelero(clock, configMaps, faults);
        ports = new EnginePorts(new IbuResourceAdapter(client), configMaps,
                new PullSecretAdapter(client, EngineSettings.DEFAULT_NAMESPACE), cluster, cluster, cluster, velero,
                cluster, host, precache, host, host, host, cluster, clock);
    }
}
