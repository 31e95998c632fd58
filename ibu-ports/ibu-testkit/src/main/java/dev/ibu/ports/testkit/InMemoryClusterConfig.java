package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.PullSecretPort;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration side of {@link InMemoryCluster}: ConfigMaps, the pull secret, health and cluster info (a
 * separate file only to keep each about one thing). Setters return the {@link InMemoryCluster}.
 */
public abstract class InMemoryClusterConfig implements ConfigMapPort, PullSecretPort, ClusterHealthPort,
        ClusterInfoPort {
    public static final String DEFAULT_VERSION = "4.14.0";

    final Faults faults;
    private final Map<ConfigMapRef, Map<String, String>> configMaps = new LinkedHashMap<>();
    private final Map<String, String> pullSecrets = new LinkedHashMap<>();
    private List<String> mandatoryFailures = List.empty();
    private List<String> deferredFailures = List.empty();
    private ClusterInfo clusterInfo = new ClusterInfo(DEFAULT_VERSION, false, false, Option.none(), Option.none(),
            Option.none());

    InMemoryClusterConfig(Faults faults) {
        this.faults = Objects.requireNonNull(faults);
    }

    private InMemoryCluster self() {
        return (InMemoryCluster) this;
    }

    public Faults faults() {
        return faults;
    }

    // ---- ConfigMaps and the pull secret --------------------------------------------------------------------------

    public synchronized InMemoryCluster putConfigMap(ConfigMapRef ref, Map<String, String> data) {
        configMaps.put(ref, Map.copyOf(data));
        return self();
    }

    public synchronized InMemoryCluster removeConfigMap(ConfigMapRef ref) {
        configMaps.remove(ref);
        return self();
    }

    @Override
    public Either<PortFailure, List<ConfigMapData>> read(List<ConfigMapRef> refs) {
        return faults.guard(Op.CONFIGMAP_READ, () -> readNow(refs));
    }

    synchronized Either<PortFailure, List<ConfigMapData>> readNow(List<ConfigMapRef> refs) {
        List<ConfigMapData> read = List.empty();
        for (ConfigMapRef ref : refs.distinct()) {
            Map<String, String> data = configMaps.get(ref);
            if (data == null) {
                return Either.left(PortFailure.notFound("ConfigMap " + ref + " not found: configmaps \""
                        + ref.name() + "\" not found. Create it in namespace " + ref.namespace()
                        + ", or remove it from spec.extraManifests or spec.oadpContent"));
            }
            read = read.append(new ConfigMapData(ref, data));
        }
        return Either.right(read);
    }

    public synchronized InMemoryCluster putPullSecret(String name, String dockerConfigJson) {
        pullSecrets.put(name, dockerConfigJson);
        return self();
    }

    public synchronized InMemoryCluster removePullSecret(String name) {
        pullSecrets.remove(name);
        return self();
    }

    @Override
    public Either<PortFailure, PullSecret> read(String secretName) {
        return faults.guard(Op.PULL_SECRET_READ, () -> {
            synchronized (this) {
                String json = pullSecrets.get(secretName);
                if (json == null) {
                    return Either.left(PortFailure.notFound("Secret " + secretName + " not found: create it with a "
                            + ".dockerconfigjson key, or fix spec.seedImageRef.pullSecretRef.name"));
                }
                if (!DockerConfigJson.isJsonObject(json)) {
                    return Either.left(PortFailure.invalid("Secret " + secretName + " key .dockerconfigjson is not a "
                            + "JSON object: recreate it with kubectl create secret docker-registry"));
                }
                return Either.right(new PullSecret(secretName, json));
            }
        });
    }

    // ---- health and cluster info ---------------------------------------------------------------------------------

    /** Sets the failure lines of MANDATORY or DEFERRED (FULL is derived: mandatory first, then deferred). */
    public synchronized InMemoryCluster setHealth(HealthCheckSet set, String... failures) {
        if (set == HealthCheckSet.MANDATORY) {
            mandatoryFailures = List.of(failures);
        } else if (set == HealthCheckSet.DEFERRED) {
            deferredFailures = List.of(failures);
        } else {
            throw new IllegalArgumentException("set the health of MANDATORY or DEFERRED; FULL is derived from them");
        }
        return self();
    }

    public synchronized InMemoryCluster setHealthy() {
        mandatoryFailures = List.empty();
        deferredFailures = List.empty();
        return self();
    }

    @Override
    public Either<PortFailure, HealthReport> check(HealthCheckSet set) {
        return faults.guard(Op.HEALTH_CHECK, () -> {
            synchronized (this) {
                List<String> failures = set == HealthCheckSet.MANDATORY ? mandatoryFailures
                        : set == HealthCheckSet.DEFERRED ? deferredFailures
                        : mandatoryFailures.isEmpty() ? deferredFailures : mandatoryFailures;
                return Either.right(new HealthReport(failures));
            }
        });
    }

    public synchronized InMemoryCluster setClusterInfo(ClusterInfo info) {
        clusterInfo = Objects.requireNonNull(info);
        return self();
    }

    /** The ClusterVersion's desired version, e.g. after the pivot. */
    public synchronized InMemoryCluster setVersion(String version) {
        clusterInfo = new ClusterInfo(version, clusterInfo.hasProxy(), clusterInfo.hasFips(),
                clusterInfo.hasUserCaBundle(), clusterInfo.proxyTrustedCaName(),
                clusterInfo.containerStorageMountpoint());
        return self();
    }

    @Override
    public Either<PortFailure, ClusterInfo> current() {
        return faults.guard(Op.CLUSTER_INFO, () -> {
            synchronized (this) {
                return Either.right(clusterInfo);
            }
        });
    }

}
