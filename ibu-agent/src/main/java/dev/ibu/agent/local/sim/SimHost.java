package dev.ibu.agent.local.sim;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * A simulated single-node host: ostree deployments (index 0 is the default for the next boot), a stateroot setup
 * job that takes simulated time, files under {@code /var/lib/lca} per stateroot, and a reboot that happens when the
 * driver says so (the agent does not survive a real one). Time comes from the shared {@link ClockPort}.
 */
public final class SimHost implements StaterootPort, RebootPort, StateStorePort, CertificatePort {
    public static final String ORIGINAL_STATEROOT = "rhcos";
    static final Duration SETUP_TIME = Duration.ofMinutes(2);

    private final ClockPort clock;
    private final SimFaults faults;
    private final java.util.List<String> deployments = new ArrayList<>();  // osnames, index 0 = default
    private String booted = ORIGINAL_STATEROOT;
    private final Map<String, Instant> setupStarted = new HashMap<>();
    private final Map<String, ImageBasedUpgrade> savedIbu = new HashMap<>();
    private final Map<String, Map<String, ExportBundle>> bundles = new HashMap<>();
    private Option<String> rebootRequested = Option.none();

    public SimHost(ClockPort clock, SimFaults faults) {
        this.clock = clock;
        this.faults = faults;
        deployments.add(ORIGINAL_STATEROOT);
    }

    @Override
    public synchronized Either<PortFailure, HostStatus> status() {
        java.util.List<Deployment> ds = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            String os = deployments.get(i);
            ds.add(new Deployment(i, os, checksum(os), 0, os.equals(booted)));
        }
        return Either.right(new HostStatus(List.ofAll(ds)));
    }

    private static String checksum(String osname) {
        return String.format("%064x", osname.hashCode() & 0xffffffffL);
    }

    @Override
    public synchronized Either<PortFailure, Void> startSetup(StaterootSetup setup) {
        if (!setupStarted.containsKey(setup.staterootName()) || faults.failed(FailStep.STATEROOT)) {
            setupStarted.put(setup.staterootName(), clock.now());
        }
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, JobState> setupState(String staterootName) {
        Instant started = setupStarted.get(staterootName);
        if (started == null) {
            return Either.right(new JobState.NotStarted());
        }
        Duration elapsed = Duration.between(started, clock.now());
        if (elapsed.compareTo(SETUP_TIME) < 0) {
            long pct = Math.min(99, elapsed.toSeconds() * 100 / SETUP_TIME.toSeconds());
            return Either.right(new JobState.Running("pulling and unpacking the seed image (" + pct + "%)"));
        }
        if (faults.active(FailStep.STATEROOT)) {
            faults.fired(FailStep.STATEROOT);
            return Either.right(new JobState.Failed("ostree admin deploy failed: error: No space left on device "
                    + "(simulated by --fail=stateroot)"));
        }
        if (!deployments.contains(staterootName)) {
            deployments.add(staterootName);  // deployed, not as the default
        }
        return Either.right(new JobState.Succeeded());
    }

    @Override
    public synchronized Either<PortFailure, Void> setDefault(String staterootName) {
        if (!deployments.remove(staterootName)) {
            return Either.left(PortFailure.notFound("stateroot " + staterootName + " has no deployment"));
        }
        deployments.add(0, staterootName);
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Void> remove(String staterootName) {
        if (staterootName.equals(booted)) {
            return Either.left(PortFailure.invalid("refusing to remove the booted stateroot " + staterootName));
        }
        deployments.remove(staterootName);
        setupStarted.remove(staterootName);
        savedIbu.remove(staterootName);
        bundles.remove(staterootName);
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Void> reboot(String reason) {
        rebootRequested = Option.some(reason);
        return Either.right(null);
    }

    @Override
    public Either<PortFailure, Void> disableInitMonitor() {
        return Either.right(null);
    }

    /** The reason of a reboot the engine asked for and that has not happened yet. */
    public synchronized Option<String> rebootRequested() {
        return rebootRequested;
    }

    /** Boots the default deployment; returns the stateroot now booted. */
    public synchronized String completeReboot() {
        booted = deployments.get(0);
        rebootRequested = Option.none();
        return booted;
    }

    public synchronized String booted() {
        return booted;
    }

    public synchronized java.util.List<String> deployments() {
        return java.util.List.copyOf(deployments);
    }

    @Override
    public synchronized Either<PortFailure, Void> saveIbu(String stateroot, ImageBasedUpgrade ibu) {
        savedIbu.put(stateroot, ibu);
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String stateroot) {
        return Either.right(Option.of(savedIbu.get(stateroot)));
    }

    @Override
    public synchronized Either<PortFailure, Void> deleteIbu(String stateroot) {
        savedIbu.remove(stateroot);
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Void> saveBundle(String stateroot, String name, ExportBundle bundle) {
        bundles.computeIfAbsent(stateroot, k -> new HashMap<>()).put(name, bundle);
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Option<ExportBundle>> loadBundle(String stateroot, String name) {
        return Either.right(Option.of(bundles.getOrDefault(stateroot, Map.of()).get(name)));
    }

    @Override
    public synchronized Either<PortFailure, Void> deleteBundles(String stateroot) {
        bundles.remove(stateroot);
        return Either.right(null);
    }

    /** Kubelet certificates valid for a year from the simulated start. */
    @Override
    public Either<PortFailure, Option<Instant>> earliestKubeletExpiry(String stateroot) {
        return Either.right(Option.some(SimWorldDefaults.START.plus(Duration.ofDays(365))));
    }
}
