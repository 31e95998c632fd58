package dev.ibu.rehearsal;

import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.adapters.k8s.provider.K8sPortProvider;
import dev.ibu.rehearsal.sim.FailStep;
import dev.ibu.rehearsal.sim.SimWorldDefaults;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.testkit.Pacing;
import dev.ibu.ports.testkit.Seed;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Local mode's world: the REAL Kubernetes adapters (IBU resource, ConfigMaps, pull secret) on a client to the
 * local (strict) API server as the agent's ServiceAccount, and the in-memory test kit ({@link TestWorld}: host, precache, Velero, health, registry,
 * manual clock) for everything else, assembled by {@link EnginePortsBuilder} as an embedder would ({@link #ports}).
 * A failing step ({@code --fail}) is a test-kit switch; {@link #fix} is the person's manual repair.
 */
final class SimWorld {
    /** After a boot the operators take a while to settle, as in the seed document's Upgrade output. */
    static final Duration STABILIZING = Duration.ofSeconds(40);
    private static final String[] UNSTABLE = {
        "one or more ClusterOperators not yet ready: authentication",
        "one or more MachineConfigPools not yet ready: master",
        "one or more ClusterServiceVersions not yet ready: sriov-fec.v2.8.0"};

    final TestWorld kit;
    final EnginePorts ports;
    /** With {@code --host=ostree}: the real host that replaces the kit's host, seed registry and precache. */
    private final Optional<OstreeHost> realHost;
    private Instant stableFrom = Instant.MIN;

    SimWorld(KubernetesClient client, Set<FailStep> failing, Consumer<String> events) {
        this(client, failing, events, Optional.empty());
    }

    SimWorld(KubernetesClient client, Set<FailStep> failing, Consumer<String> events, Optional<OstreeHost> realHost) {
        this(client, failing, events, realHost, Optional.empty());
    }

    /** @param backups the backup port instead of the kit's Velero ({@code --backup=local}) */
    SimWorld(KubernetesClient client, Set<FailStep> failing, Consumer<String> events, Optional<OstreeHost> realHost,
             Optional<BackupPort> backups) {
        this.realHost = realHost;
        List<String> images = List.range(0, SimWorldDefaults.PRECACHE_IMAGES).map(i -> String.format(
                "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:%064x", i));
        kit = TestWorld.builder().startingAt(SimWorldDefaults.START).clusterVersion(SimWorldDefaults.CURRENT_VERSION)
                .seed(Seed.of(SimWorldDefaults.SEED_IMAGE, SimWorldDefaults.TARGET_VERSION).withImages(images))
                .build();
        kit.host().setupPacing(Pacing.afterTicks(4));
        kit.precache().pacing(Pacing.Mode.TICKS, SimWorldDefaults.PRECACHE_IMAGES / 4);
        kit.velero().ticksToFinish(2);
        kit.cluster().addNamespace("openshift-marketplace");
        failing.forEach(this::inject);
        EventPort printed = (type, reason, message) -> {
            events.accept((type == EventPort.Type.WARNING ? "Warning " : "Normal ") + reason + ": " + message);
            kit.cluster().emit(type, reason, message);
        };
        ports = ports(client, kit, realHost.map(OstreeHost::adapters))
                .with(EventPort.class, printed)
                .with(BackupPort.class, backups.orElse(kit.velero()))
                // the node's files of a sample node (the real host's root is this machine's)
                .with(dev.ibu.ports.out.ClusterConfigFilesPort.class, realHost
                        .<dev.ibu.ports.out.ClusterConfigFilesPort>map(OstreeHost::configFiles).orElse(kit.configFiles()))
                .build();
    }

    /**
     * The engine's ports as an embedder gets them: the providers on the class path over a context that shares the
     * local API server's client as the agent (the Kubernetes adapters), the real host's adapters if any (the host provider),
     * and the test kit's world (its provider fills in the host without a real one). The parts of the cluster the
     * local server does not run (operators' health, cluster version, OADP) and the clock are the kit's.
     */
    static EnginePortsBuilder ports(KubernetesClient client, TestWorld kit, Optional<HostAdapters> realHost) {
        Map<Class<?>, Object> shared = new LinkedHashMap<>();
        shared.put(KubernetesClient.class, client);
        shared.put(TestWorld.class, kit);
        realHost.ifPresent(h -> shared.put(HostAdapters.class, h));
        return new EnginePortsBuilder()
                .context(new PortContext(Map.of(K8sPortProvider.NAMESPACE, EngineSettings.DEFAULT_NAMESPACE), shared))
                .discover(SimWorld.class.getClassLoader())
                .with(ClusterHealthPort.class, kit.cluster())
                .with(ClusterInfoPort.class, kit.cluster())
                .with(ExtraManifestPort.class, kit.cluster())
                .with(dev.ibu.ports.out.ClusterConfigPort.class, kit.clusterConfig())
                .with(BackupPort.class, kit.velero())
                .with(ClockPort.class, kit.clock());
    }

    private void inject(FailStep step) {
        if (step == FailStep.STATEROOT) {
            kit.host().failNextSetup("ostree admin deploy failed: No space left on device (simulated by "
                    + "--fail=stateroot)");
        } else if (step == FailStep.PRECACHE) {
            kit.precache().failImages(kit.seed().images().last());
        } else if (step == FailStep.BACKUP) {
            kit.velero().failBackup(SimWorldDefaults.BACKUP);
        } else if (step == FailStep.RESTORE) {
            kit.velero().failRestore(SimWorldDefaults.BACKUP);
        } else {
            kit.velero().loseS3(true);  // abort, cleanup: deleting the backups fails
        }
    }

    /** The person's manual repair of {@code step}'s leftovers. */
    void fix(FailStep step) {
        if (step == FailStep.ABORT || step == FailStep.CLEANUP) {
            kit.velero().loseS3(false);
        }
    }

    /** Time passes: the clock moves, jobs and Velero advance one step, and health settles after a boot. */
    void advance(Duration d) {
        kit.clock().advance(d);
        kit.tick();
        realHost.ifPresent(h -> h.awaitJobs("rhcos_" + SimWorldDefaults.TARGET_VERSION));
        if (!kit.clock().now().isBefore(stableFrom)) {
            kit.cluster().setHealthy();
        }
    }

    boolean rebootPending() {
        return realHost.map(OstreeHost::rebootRequested).orElseGet(() -> kit.host().rebootPending());
    }

    /** Carries out the reboot the engine asked for; returns the stateroot now booted. */
    String reboot() {
        kit.clock().advance(Duration.ofMinutes(5));
        // the real host booted the default deployment when the engine asked (FakeBoot); the kit's host otherwise
        String booted = realHost.map(h -> {
            h.takeRebootRequest();
            return h.booted();
        }).orElseGet(kit::completeReboot);
        kit.cluster().setHealth(HealthCheckSet.MANDATORY, UNSTABLE);
        stableFrom = kit.clock().now().plus(STABILIZING);
        return booted;
    }

    /**
     * What the pre-pivot wrote into the new stateroot's /var/opt/openshift: file names and sizes (the contents hold
     * the pull secret and keys). On the real host, read from the sysroot; in memory, from the kit's host.
     */
    java.util.List<String> carriedConfiguration() {
        String sr = "rhcos_" + SimWorldDefaults.TARGET_VERSION;
        if (!sr.equals(defaultStateroot())) {
            return java.util.List.of();  // a reboot back to the original stateroot carries nothing
        }
        if (realHost.isEmpty()) {
            return kit.configFiles().saved(sr).map(c -> java.util.List.of("/var/opt/openshift/cluster-configuration/"
                    + "manifest.json (cluster " + c.seedReconfiguration().clusterName() + "."
                    + c.seedReconfiguration().baseDomain() + "), manifests " + c.manifests().files().keySet().toList()
                    .sorted().asJava())).getOrElse(java.util.List.of("(nothing saved in " + sr + ")"));
        }
        java.nio.file.Path opt = realHost.get().sysroot().resolve("ostree/deploy").resolve(sr).resolve("var/opt/openshift");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(opt)) {
            return files.filter(java.nio.file.Files::isRegularFile).filter(p -> !p.startsWith(opt.resolve(
                    "kubeconfig-crypto"))).sorted().map(p -> {
                        try {
                            return opt.getParent().getParent().relativize(p) + " (" + java.nio.file.Files.size(p)
                                    + " bytes, " + java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(p)) + ")";
                        } catch (java.io.IOException e) {
                            return p + " (" + e.getMessage() + ")";
                        }
                    }).toList();
        } catch (java.io.IOException e) {
            return java.util.List.of("(" + opt + " cannot be read: " + e.getMessage() + ")");
        }
    }

    /** The carried-over manifests applied after the pivot, in order. */
    java.util.List<String> appliedCarriedConfiguration() {
        return kit.clusterConfig().applied().asJava();
    }

    String defaultStateroot() {
        return realHost.map(OstreeHost::defaultStateroot).orElseGet(() -> kit.host().defaultStateroot());
    }

    Instant now() {
        return kit.clock().now();
    }
}
