package dev.ibu.adapters.k8s.config;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the ConfigMaps named by {@code spec.extraManifests} and {@code spec.oadpContent}: each distinct reference
 * once (first occurrence kept), only {@code data} ({@code binaryData} holds no manifests), and the first missing
 * one stops the read with a message naming it.
 */
public final class ConfigMapAdapter implements ConfigMapPort {
    private final KubernetesClient client;

    public ConfigMapAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Either<PortFailure, List<ConfigMapData>> read(List<ConfigMapRef> refs) {
        List<ConfigMapData> read = List.empty();
        for (ConfigMapRef ref : refs.distinct()) {
            Either<PortFailure, ConfigMapData> one = readOne(ref);
            if (one.isLeft()) {
                return Either.left(one.getLeft());
            }
            read = read.append(one.get());
        }
        return Either.right(read);
    }

    private Either<PortFailure, ConfigMapData> readOne(ConfigMapRef ref) {
        ConfigMap cm;
        try {
            cm = client.configMaps().inNamespace(ref.namespace()).withName(ref.name()).get();
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("ConfigMap " + ref, e));
        }
        if (cm == null) {
            return Either.left(PortFailure.notFound(notFoundMessage(ref)));
        }
        Map<String, String> data = cm.getData() == null ? Map.of() : new TreeMap<>(cm.getData());
        return Either.right(new ConfigMapData(ref, data));
    }

    /** Keeps upstream's {@code configmaps "<name>" not found} and says which spec fields can name it. */
    static String notFoundMessage(ConfigMapRef ref) {
        return "ConfigMap " + ref + " (named in spec.extraManifests or spec.oadpContent) is not found, error: "
                + "configmaps \"" + ref.name() + "\" not found. Please create the configMap in namespace "
                + ref.namespace() + " or remove it from the spec.";
    }
}
