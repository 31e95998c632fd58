package dev.ibu.ports.testkit;

import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;

/**
 * A single-node host: ostree deployments in stateroots, one booted, index 0 the default for the next boot; the
 * stateroot setup and precache jobs; the state store in each stateroot's {@code /var/lib/lca} (it survives a reboot
 * and goes with its stateroot); kubelet certificates per stateroot; the reboot and the init monitor (see
 * {@link InMemoryHostBoot}, which this extends only to keep each file about one thing).
 *
 * <p>{@link StaterootPort#status()} and {@link PrecachePort#status()} have the same signature with different
 * results, so one class cannot implement both: the precache port is the view {@link #precache()}.
 *
 * <p>Setup: by default it finishes after two {@link #tick()}s ({@link #setupPacing}); when it finishes it pulls the
 * seed from the registry (if any) and fails with upstream's {@code version specified in seed image (<a>) differs from
 * version in spec (<b>)} when the versions differ; on success the stateroot gets a deployment right after the default
 * (not default, not booted) and the auto-rollback config is recorded in it. From its first step on, the stateroot's
 * directory exists (as on a real host, where the setup makes it before it deploys); a failed setup leaves it, as
 * upstream does, until {@link #startSetup} starts over or {@link #remove} removes it.
 *
 * <p>Job records (setup and precache) live in the booted stateroot's {@code /var}, as the host adapter keeps them in
 * {@code /var/tmp}: after a boot into another stateroot the engine sees no job (NotStarted), after a boot back it
 * sees the old records again, and removing a stateroot removes the records kept in it.
 *
 * <p>Jobs outlive the agent as the {@link StaterootPort} contract says. Their records live on the host, their runners
 * in the agent: {@link #agentRestarted()} (a new agent process on this host) kills the runners, so running jobs stop advancing, and a setup that had taken a step leaves its partial stateroot directory
 * behind ({@link #staterootNames()} lists it; it has no deployment). The next {@link #setupState} or
 * {@link #startSetup} for that stateroot resumes the job: it removes what the dead runner left and starts the steps
 * over, reading Running meanwhile; {@link #setupRunners(String)} counts the runners a job had.
 */
public final class InMemoryHost extends InMemoryHostBoot implements StaterootPort, CertificatePort {
    public static final String DEFAULT_BOOTED = "rhcos_4.14.0";
    /** The original stateroot's kubelet certificates expire one year after {@link ManualClock#DEFAULT_START}. */
    public static final Instant DEFAULT_KUBELET_EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    private final Option<InMemoryRegistry> registry;
    private final InMemoryPrecache precache;
    private Pacing setupPacing = Pacing.afterTicks(2);
    private Option<String> nextSetupFailure = Option.none();

    /**
     * @param registry where stateroot setup pulls the seed from and checks its version; none: setup always succeeds
     */
    public InMemoryHost(Faults faults, ClockPort clock, Option<InMemoryRegistry> registry, String bootedStateroot) {
        super(faults, clock, new HostState(bootedStateroot, originalDir()));
        this.registry = Objects.requireNonNull(registry);
        this.precache = new InMemoryPrecache(this, faults);
    }

    /** A host booted in {@link #DEFAULT_BOOTED}, without a registry. */
    public InMemoryHost() {
        this(new Faults(), new ManualClock(), Option.none(), DEFAULT_BOOTED);
    }

    private static StaterootDir originalDir() {
        StaterootDir d = new StaterootDir();
        d.kubeletExpiry = Option.some(DEFAULT_KUBELET_EXPIRY);
        return d;
    }

    /** Where this host pulls from (none: nowhere in particular). */
    Option<InMemoryRegistry> registry() {
        return registry;
    }

    /** The precache port of this host. */
    public InMemoryPrecache precache() {
        return precache;
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    public synchronized InMemoryHost setupPacing(Pacing p) {
        setupPacing = Objects.requireNonNull(p);
        return this;
    }

    @Override
    public synchronized InMemoryHost rebootMode(RebootMode mode) {
        super.rebootMode(mode);
        return this;
    }

    /** The next stateroot setup job to finish fails with {@code message} (once). */
    public synchronized InMemoryHost failNextSetup(String message) {
        nextSetupFailure = Option.some(message);
        return this;
    }

    public synchronized InMemoryHost setKubeletExpiry(String stateroot, Option<Instant> expiry) {
        StaterootDir dir = host.dirs.get(stateroot);
        if (dir == null) {
            throw new IllegalArgumentException("no stateroot " + stateroot + " on the host");
        }
        dir.kubeletExpiry = expiry;
        return this;
    }

    /** Deploys a stateroot by hand (as an admin could), after the default: not default, not booted. */
    public synchronized InMemoryHost addStateroot(String name) {
        if (host.bootedStateroot().equals(name)) {
            throw new IllegalArgumentException("stateroot " + name + " is booted");
        }
        removeNow(name);
        host.dirs.put(name, new StaterootDir());
        host.deployAfterDefault(name, Seed.checksumFor(name));
        return this;
    }

    // ---- observation (not counted as port calls) -----------------------------------------------------------------

    public synchronized HostStatus hostStatus() {
        return host.status();
    }

    public synchronized String bootedStateroot() {
        return host.bootedStateroot();
    }

    public synchronized String defaultStateroot() {
        return host.deployments.get(0).osname();
    }

    public synchronized List<String> staterootNames() {
        return List.ofAll(host.dirs.keySet());
    }

    public synchronized JobState setupJobState(String stateroot) {
        SetupJob job = setupJobs().get(stateroot);
        return job == null ? new JobState.NotStarted() : job.state;
    }

    /** How many runners the setup job of {@code stateroot} had (1, plus one per resume); 0 when there is none. */
    public synchronized int setupRunners(String stateroot) {
        SetupJob job = setupJobs().get(stateroot);
        return job == null ? 0 : job.runners();
    }

    /**
     * The agent's process died and a new one starts on this host: the job runners that ran inside the old one die
     * with it. Their jobs stay Running on the host and are resumed by the next port call about them.
     */
    public synchronized InMemoryHost agentRestarted() {
        killRunners();
        return this;
    }

    public synchronized Option<AutoRollbackConfig> autoRollbackConfig(String stateroot) {
        return Option.of(host.dirs.get(stateroot)).flatMap(d -> d.autoRollback);
    }

    /** Advances the jobs paced by ticks, and fires the init monitor when the clock is past its deadline. */
    public void tick() {
        synchronized (this) {
            for (SetupJob job : new ArrayList<>(setupJobs().values())) {
                if (job.pacing.byTicks()) {
                    advance(job);
                }
            }
        }
        precache.tick();
        fireInitMonitorIfDue();
    }

    // ---- StaterootPort -------------------------------------------------------------------------------------------

    @Override
    public Either<PortFailure, HostStatus> status() {
        return faults.guard(Op.STATEROOT_STATUS, () -> Either.right(hostStatus()));
    }

    @Override
    public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
        return faults.guard(Op.STATEROOT_START_SETUP, () -> startSetupNow(setup));
    }

    private synchronized Either<PortFailure, Void> startSetupNow(StaterootSetup setup) {
        String name = setup.staterootName();
        SetupJob existing = setupJobs().get(name);
        if (existing != null && !(existing.state instanceof JobState.Failed)) {
            resumeIfOrphaned(existing);
            return Either.right(null);
        }
        if (host.bootedStateroot().equals(name)) {
            return Either.left(PortFailure.invalid("stateroot " + name + " is booted: setup cannot recreate it; "
                    + "set spec.seedImageRef.version to the seed's (newer) version"));
        }
        removeNow(name); // a clean slate: a failed attempt leaves nothing behind
        SetupJob job = new SetupJob(setup, setupPacing);
        setupJobs().put(name, job);
        if (job.due()) {
            finish(job);
        }
        return Either.right(null);
    }

    @Override
    public Either<PortFailure, JobState> setupState(String staterootName) {
        return faults.guard(Op.STATEROOT_SETUP_STATE, () -> {
            synchronized (this) {
                SetupJob job = setupJobs().get(staterootName);
                if (job == null) {
                    return Either.right(new JobState.NotStarted());
                }
                resumeIfOrphaned(job);
                if (!job.pacing.byTicks()) {
                    advance(job);
                }
                return Either.right(job.state);
            }
        });
    }

    @Override
    public Either<PortFailure, Void> setDefault(String staterootName) {
        return faults.guard(Op.STATEROOT_SET_DEFAULT, () -> {
            synchronized (this) {
                return host.setDefault(staterootName);
            }
        });
    }

    @Override
    public Either<PortFailure, Void> remove(String staterootName) {
        return faults.guard(Op.STATEROOT_REMOVE, () -> {
            synchronized (this) {
                if (host.bootedStateroot().equals(staterootName)) {
                    return Either.left(PortFailure.invalid("failed to remove stateroot " + staterootName
                            + ": deployment " + host.bootedIndex() + " in stateroot " + staterootName
                            + " is booted"));
                }
                removeNow(staterootName);
                return Either.right(null);
            }
        });
    }

    /** One step of a live runner; after its first step the stateroot's (partial) directory exists. */
    private void advance(SetupJob job) {
        if (!job.running() || job.orphaned()) {
            return;
        }
        if (job.step()) {
            finish(job);
        } else if (job.started()) {
            host.dirs.putIfAbsent(job.setup.staterootName(), new StaterootDir());
        }
    }

    /** A job whose runner died: remove what it left half made, and start a new runner; under the lock. */
    private void resumeIfOrphaned(SetupJob job) {
        if (!job.orphaned()) {
            return;
        }
        host.remove(job.setup.staterootName());
        job.resume();
        if (job.due()) {
            finish(job);
        }
    }

    private void finish(SetupJob job) {
        StaterootSetup s = job.setup;
        if (nextSetupFailure.isDefined()) {
            job.state = new JobState.Failed(nextSetupFailure.get());
            nextSetupFailure = Option.none();
            return;
        }
        Seed seed = Seed.of(s.seedImage(), s.version());
        if (registry.isDefined()) {
            Either<PortFailure, Seed> pulled = registry.get().pull(s.seedImage(), s.pullSecret());
            if (pulled.isLeft()) {
                job.state = new JobState.Failed("failed to pull seed image " + s.seedImage() + ": "
                        + pulled.getLeft().message());
                return;
            }
            seed = pulled.get();
            if (!seed.version().equals(s.version())) {
                job.state = new JobState.Failed("version specified in seed image (" + seed.version()
                        + ") differs from version in spec (" + s.version() + ")");
                return;
            }
        }
        // the partial directory made by the first step (and anything written into it meanwhile) is completed
        StaterootDir dir = host.dirs.computeIfAbsent(s.staterootName(), n -> new StaterootDir());
        dir.autoRollback = Option.some(s.autoRollback());
        dir.seedImages = seed.images();
        host.deployAfterDefault(s.staterootName(), seed.checksum());
        job.state = new JobState.Succeeded();
    }

    /** The setup job records of the booted stateroot (see {@link StaterootDir#setupJobs}); under the lock. */
    private Map<String, SetupJob> setupJobs() {
        return bootedDir().setupJobs;
    }

    /** The booted stateroot's directory; under the lock. */
    StaterootDir bootedDir() {
        return host.dirs.get(host.bootedStateroot());
    }

    /** Undeploys, deletes the directory (with its state store) and forgets the setup job. */
    private void removeNow(String name) {
        host.remove(name);
        setupJobs().remove(name);
    }

    /** The agent died: the job runners in it died too; under the lock. */
    private void killRunners() {
        setupJobs().values().forEach(SetupJob::runnerDied);
        precache.runnerDied();
    }

    /** A reboot fails the running jobs, orphaned or not (upstream: the job pod dies, backoffLimit 0). */
    @Override
    void interruptJobs(String why) {
        setupJobs().values().stream().filter(SetupJob::running).forEach(j -> j.state = new JobState.Failed(why));
        precache.interrupt(why);
    }

    /** The seed's containers list recorded in a stateroot; none when the stateroot does not exist. */
    synchronized Option<List<String>> seedImages(String stateroot) {
        return Option.of(host.dirs.get(stateroot)).map(d -> d.seedImages);
    }

    // ---- CertificatePort -----------------------------------------------------------------------------------------

    @Override
    public Either<PortFailure, Option<Instant>> earliestKubeletExpiry(String stateroot) {
        return faults.guard(Op.CERTIFICATE_EXPIRY, () -> {
            synchronized (this) {
                return Either.right(Option.of(host.dirs.get(stateroot)).flatMap(d -> d.kubeletExpiry));
            }
        });
    }
}
