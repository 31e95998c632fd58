package dev.ibu.ports.testkit;

import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StaterootName;
import dev.ibu.ports.engine.EnginePorts;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything in-memory, wired together: by default a fresh single-node cluster at {@value #DEFAULT_CLUSTER_VERSION}
 * booted in {@code rhcos_4.14.0}, a seed {@value #DEFAULT_SEED_IMAGE} at {@value #DEFAULT_SEED_VERSION} in the
 * registry, a healthy cluster, OADP installed, and no IBU resource yet (the engine creates it, as the agent does at
 * start-up). All parts share one {@link Faults} and one {@link ManualClock}.
 *
 * <p>{@link #tick()} advances the host's jobs and Velero; {@link #completeReboot()} boots the default deployment
 * after the engine asked for a reboot. Whenever the node boots into another stateroot, the cluster's version becomes
 * that stateroot's (its name without {@code rhcos_}), as ClusterVersion would after a pivot.
 *
 * <p>Driving a pivot (the engine does the port calls; the test only ticks and boots):
 * <pre>{@code
 * TestWorld world = TestWorld.fresh();
 * UpgradeEngine engine = new UpgradeEngine(world.ports());
 * world.cluster().create(ImageBasedUpgrade.fresh());
 * world.requestPrep();                         // the user patches spec.stage: Prep with the seed
 * // reconcile; between passes world.tick(requeueAfter): setup, precache, backups advance
 * world.requestStage(Stage.UPGRADE);
 * // reconcile until world.host().rebootPending(): the engine saved the CR and set the new stateroot default
 * world.completeReboot();                      // boots rhcos_4.15.2; the cluster now reports 4.15.2
 * // a fresh engine (the agent restarted) restores the CR and runs post-pivot
 * world.fireInitMonitor();                     // or: the init monitor's timeout, back to rhcos_4.14.0
 * }</pre>
 */
public final class TestWorld {
    public static final String DEFAULT_CLUSTER_VERSION = "4.14.0";
    public static final String DEFAULT_SEED_VERSION = "4.15.2";
    public static final String DEFAULT_SEED_IMAGE = "quay.io/openshift-kni/seed:4.15.2";

    private final Faults faults;
    private final ManualClock clock;
    private final InMemoryRegistry registry;
    private final InMemoryHost host;
    private final InMemoryCluster cluster;
    private final InMemoryVelero velero;
    private final Seed seed;
    private int boots;

    private TestWorld(Builder b) {
        faults = new Faults();
        clock = new ManualClock(b.start);
        registry = new InMemoryRegistry(faults).push(b.seed);
        host = new InMemoryHost(faults, clock, Option.some(registry), StaterootName.forVersion(b.clusterVersion));
        cluster = new InMemoryCluster(faults).setVersion(b.clusterVersion);
        velero = new InMemoryVelero(faults, cluster);
        seed = b.seed;
    }

    public static TestWorld fresh() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Faults faults() {
        return faults;
    }

    public ManualClock clock() {
        return clock;
    }

    public InMemoryRegistry registry() {
        return registry;
    }

    public InMemoryHost host() {
        return host;
    }

    public InMemoryPrecache precache() {
        return host.precache();
    }

    public InMemoryCluster cluster() {
        return cluster;
    }

    public InMemoryVelero velero() {
        return velero;
    }

    /**
     * Every engine port, in memory: the cluster (IBU resource, ConfigMaps, pull secret, health, cluster info, extra
     * manifests, events), Velero, the registry, the host (stateroots, precache, reboot, state store, certificates)
     * and the manual clock. {@code new UpgradeEngine(world.ports())} is a whole agent over this world; to mix in ports
     * of your own, use {@link TestWorldPortProvider} with an {@code EnginePortsBuilder}.
     */
    public EnginePorts ports() {
        return new EnginePorts(cluster, cluster, cluster, cluster, cluster, cluster, velero, registry, host,
                host.precache(), host, host, host, cluster, clock);
    }

    /** The seed the world was built with. */
    public Seed seed() {
        return seed;
    }

    /** {@code spec.seedImageRef} naming the world's seed. */
    public SeedImageRef seedImageRef() {
        return new SeedImageRef(seed.version(), seed.image(), Option.none());
    }

    /** The stateroot an upgrade to the world's seed creates, e.g. {@code rhcos_4.15.2}. */
    public String newStateroot() {
        return StaterootName.forVersion(seed.version());
    }

    /** The user asks for Prep with the world's seed (the IBU must exist). */
    public void requestPrep() {
        cluster.patchSpec(s -> new Spec(Stage.PREP, seedImageRef(), s.oadpContent(), s.extraManifests(),
                s.autoRollbackOnFailure()));
    }

    public void requestStage(Stage stage) {
        cluster.patchSpecStage(stage);
    }

    /** Advances jobs and Velero by one step; the clock does not move. */
    public void tick() {
        host.tick();
        velero.tick();
        followBoots();
    }

    public void tick(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** Moves the clock, then ticks (the init monitor fires once the clock is past its deadline). */
    public void tick(Duration elapsed) {
        clock.advance(elapsed);
        tick();
    }

    /**
     * The agent's process died and a new one starts (OOM, eviction, leader change, crash): the host's job runners die
     * with it (see {@link InMemoryHost#agentRestarted()}); build a fresh engine on this world after calling this.
     */
    public void restartAgent() {
        host.agentRestarted();
    }

    /** Boots the default deployment after the engine's reboot; returns the stateroot now booted. */
    public String completeReboot() {
        String booted = host.completeReboot();
        followBoots();
        return booted;
    }

    /** An unplanned reboot. */
    public String powerCycle() {
        String booted = host.powerCycle();
        followBoots();
        return booted;
    }

    /** Fires the init monitor's timeout (it rolls back and boots the original stateroot at once). */
    public String fireInitMonitor() {
        String message = host.fireInitMonitor();
        followBoots();
        return message;
    }

    private synchronized void followBoots() {
        if (host.boots() != boots) {
            boots = host.boots();
            String sr = host.bootedStateroot();
            if (sr.startsWith(StaterootName.PREFIX)) {
                cluster.setVersion(sr.substring(StaterootName.PREFIX.length()).replace('_', '-'));
            }
        }
    }

    public static final class Builder {
        private String clusterVersion = DEFAULT_CLUSTER_VERSION;
        private Seed seed = Seed.of(DEFAULT_SEED_IMAGE, DEFAULT_SEED_VERSION);
        private Instant start = ManualClock.DEFAULT_START;

        private Builder() {
        }

        public Builder clusterVersion(String v) {
            clusterVersion = Objects.requireNonNull(v);
            return this;
        }

        public Builder seed(Seed s) {
            seed = Objects.requireNonNull(s);
            return this;
        }

        public Builder startingAt(Instant t) {
            start = Objects.requireNonNull(t);
            return this;
        }

        public TestWorld build() {
            return new TestWorld(this);
        }
    }
}
