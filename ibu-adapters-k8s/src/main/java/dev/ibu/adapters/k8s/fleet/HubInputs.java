package dev.ibu.adapters.k8s.fleet;

import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.control.Either;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ConfigMaps and the seed pull secret an IBU names, read from the IBGU's namespace on the hub by name (RBAC: get
 * only), kept for a minute so that starting a batch of 500 spokes reads each once, not once per spoke. Secret data is
 * never logged.
 */
final class HubInputs {
    static final Duration KEEP = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final ClockPort clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(Instant readAt, Map<String, String> data, Map<String, String> binaryData) {
    }

    HubInputs(KubernetesClient client, ClockPort clock) {
        this.client = client;
        this.clock = clock;
    }

    /** A ConfigMap's data and binaryData (two maps in that order) or NotFound naming it and the fix. */
    Either<PortFailure, java.util.List<Map<String, String>>> configMap(String namespace, String name) {
        return read("ConfigMap", namespace, name, () -> {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
            return cm == null ? null : new Entry(clock.now(), cm.getData(), cm.getBinaryData());
        }, "spec.ibuSpec names it (oadpContent or extraManifests)");
    }

    /** A Secret's data (its type is taken as kubernetes.io/dockerconfigjson, as a pull secret must be). */
    Either<PortFailure, java.util.List<Map<String, String>>> secret(String namespace, String name) {
        return read("Secret", namespace, name, () -> {
            Secret s = client.secrets().inNamespace(namespace).withName(name).get();
            return s == null ? null : new Entry(clock.now(), s.getData(), Map.of());
        }, "spec.ibuSpec.seedImageRef.pullSecretRef names it");
    }

    private Either<PortFailure, java.util.List<Map<String, String>>> read(String kind, String namespace, String name,
                                                                          java.util.function.Supplier<Entry> get,
                                                                          String why) {
        String key = kind + " " + namespace + "/" + name;
        Entry e = cache.get(key);
        if (e == null || e.readAt().plus(KEEP).isBefore(clock.now())) {
            try {
                e = get.get();
            } catch (KubernetesClientException ex) {
                return Either.left(dev.ibu.adapters.k8s.KubeFailures.from(key, ex));
            }
            if (e == null) {
                cache.remove(key);
                return Either.left(PortFailure.notFound(key + " not found on the hub: " + why + "; create it in the"
                        + " ImageBasedGroupUpgrade's namespace " + namespace));
            }
            cache.put(key, e);
        }
        return Either.right(java.util.List.of(orEmpty(e.data()), orEmpty(e.binaryData())));
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
