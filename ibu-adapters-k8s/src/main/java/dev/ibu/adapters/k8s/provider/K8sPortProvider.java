package dev.ibu.adapters.k8s.provider;

import dev.ibu.adapters.k8s.K8sAdapters;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PullSecretPort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * The cluster-facing ports, found by ServiceLoader, built on {@link K8sAdapters}: a shared {@link K8sAdapters}, or
 * one made on a shared {@link KubernetesClient} (setting {@code agent.namespace}, default
 * {@value K8sAdapters#DEFAULT_NAMESPACE}, is where the pull secret is read; the shared {@link ClockPort} stamps
 * events). Without either it provides nothing.
 */
public final class K8sPortProvider implements PortProvider {
    public static final String NAMESPACE = "agent.namespace";

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public List<Class<?>> ports() {
        return List.of(IbuResourcePort.class, ConfigMapPort.class, PullSecretPort.class, ClusterHealthPort.class,
                ClusterInfoPort.class, ExtraManifestPort.class, EventPort.class);
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        return adapters(context).map(k8s -> port.cast(pick(port, k8s)));
    }

    private static Optional<K8sAdapters> adapters(PortContext context) {
        return context.shared(K8sAdapters.class).or(() -> context.shared(KubernetesClient.class)
                .map(client -> new K8sAdapters(client, context.setting(NAMESPACE).orElse(K8sAdapters.DEFAULT_NAMESPACE),
                        context.shared(ClockPort.class).orElseGet(ClockPort::system))));
    }

    private static Object pick(Class<?> port, K8sAdapters k8s) {
        if (port == IbuResourcePort.class) {
            return k8s.resource();
        }
        if (port == ConfigMapPort.class) {
            return k8s.configMaps();
        }
        if (port == PullSecretPort.class) {
            return k8s.pullSecrets();
        }
        if (port == ClusterHealthPort.class) {
            return k8s.health();
        }
        if (port == ClusterInfoPort.class) {
            return k8s.clusterInfo();
        }
        if (port == ExtraManifestPort.class) {
            return k8s.extraManifests();
        }
        if (port == EventPort.class) {
            return k8s.events();
        }
        throw new IllegalArgumentException("k8s does not provide " + port.getName());
    }
}
