package dev.ibu.agent.local.sim;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.PullSecret;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The simulated parts of the cluster: health (unstable for a while after each boot, with the seed document's
 * message), the running version, a seed image registry, extra manifests (read from the real ConfigMaps in the
 * embedded API server, exported and "applied"), and events handed to a listener.
 */
public final class SimCluster implements ClusterHealthPort, ClusterInfoPort, ExtraManifestPort, SeedImagePort,
        EventPort {
    static final Duration STABILIZING = Duration.ofSeconds(40);
    private static final List<String> UNSTABLE = List.of(
            "one or more ClusterOperators not yet ready: authentication",
            "one or more MachineConfigPools not yet ready: master",
            "one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0");

    private final ClockPort clock;
    private final ConfigMapPort configMaps;
    private final Consumer<String> eventSink;
    private Instant stableFrom = Instant.MIN;
    private String version = SimWorldDefaults.CURRENT_VERSION;
    private int applied;

    public SimCluster(ClockPort clock, ConfigMapPort configMaps, Consumer<String> eventSink) {
        this.clock = clock;
        this.configMaps = configMaps;
        this.eventSink = eventSink;
    }

    /** After a boot the operators take a while to settle: health fails until then. */
    public synchronized void booted(String version) {
        this.version = version;
        stableFrom = clock.now().plus(STABILIZING);
    }

    @Override
    public synchronized Either<PortFailure, HealthReport> check(HealthCheckSet set) {
        return Either.right(clock.now().isBefore(stableFrom) ? new HealthReport(UNSTABLE) : HealthReport.HEALTHY);
    }

    @Override
    public synchronized Either<PortFailure, ClusterInfo> current() {
        return Either.right(new ClusterInfo(version, false, false, Option.none(), Option.none(), Option.none()));
    }

    @Override
    public Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret) {
        if (!image.equals(SimWorldDefaults.SEED_IMAGE)) {
            return Either.left(PortFailure.notFound("manifest unknown: " + image + " (the simulated registry holds "
                    + "only " + SimWorldDefaults.SEED_IMAGE + ")"));
        }
        return Either.right(new SeedImageInfo(LinkedHashMap.of(SeedImageInfo.FORMAT_VERSION_LABEL,
                SeedImageInfo.SUPPORTED_FORMAT_VERSION), Option.some(SeedImageInfo.SUPPORTED_FORMAT_VERSION),
                Option.none()));
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> refs) {
        return configMaps.read(refs).map(x -> ManifestValidation.CLEAN);
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs) {
        return configMaps.read(refs).map(cms -> {
            LinkedHashMap<String, String> files = LinkedHashMap.empty();
            for (ConfigMapData cm : cms) {
                for (var e : new java.util.TreeMap<>(cm.data()).entrySet()) {
                    files = files.put("1/" + cm.ref().name() + "-" + e.getKey(), e.getValue());
                }
            }
            return new ExportBundle(files);
        });
    }

    @Override
    public synchronized Either<PortFailure, Void> apply(ExportBundle bundle) {
        applied += bundle.files().size();
        return Either.right(null);
    }

    public synchronized int appliedManifests() {
        return applied;
    }

    @Override
    public void emit(Type type, String reason, String message) {
        eventSink.accept((type == Type.WARNING ? "Warning " : "Normal ") + reason + ": " + message);
    }
}
