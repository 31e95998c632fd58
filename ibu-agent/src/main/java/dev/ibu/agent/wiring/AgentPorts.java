package dev.ibu.agent.wiring;

import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.adapters.k8s.provider.K8sPortProvider;
import dev.ibu.adapters.oadp.local.LocalBackups;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.out.PortContext;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How every command of the node agent gets its ports: an {@link EnginePortsBuilder} over a {@link PortContext} and
 * the {@code PortProvider}s on the agent's class path, exactly as the README's "Embedding" shows embedders. The
 * context shares the command's Kubernetes client (from {@link KubeClient}) and host adapters (the host module's
 * {@link HostAdapters} facade), if it has them; the clock is the builder's default, {@code ClockPort.system()}.
 */
public final class AgentPorts {
    private AgentPorts() {
    }

    /** The agent's namespace: {@code option}, else $MY_POD_NAMESPACE, else upstream's. */
    public static String namespace(Optional<String> option) {
        return option.orElseGet(() -> System.getenv().getOrDefault("MY_POD_NAMESPACE",
                EngineSettings.DEFAULT_NAMESPACE));
    }

    /** The builder; a command adds {@code .provider(...)} or {@code .with(...)} for what it does differently. */
    public static EnginePortsBuilder builder(Optional<KubernetesClient> client, String namespace,
            Optional<HostAdapters> host) {
        Map<Class<?>, Object> shared = new LinkedHashMap<>();
        client.ifPresent(c -> shared.put(KubernetesClient.class, c));
        host.ifPresent(h -> shared.put(HostAdapters.class, h));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(K8sPortProvider.NAMESPACE, namespace);
        // the node's root, where the local backup (lca.openshift.io/backup-method: local) finds the shared partition
        host.ifPresent(h -> settings.put(LocalBackups.HOST_ROOT_SETTING, h.config().layout().hostRoot().toString()));
        return new EnginePortsBuilder()
                .context(new PortContext(settings, shared))
                .discover(AgentPorts.class.getClassLoader());
    }
}
