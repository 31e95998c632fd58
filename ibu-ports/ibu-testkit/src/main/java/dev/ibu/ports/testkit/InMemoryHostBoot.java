package dev.ibu.ports.testkit;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stamp;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.RebootPort;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * The reboot part of {@link InMemoryHost}. {@link #reboot(String)} records the reason and marks a reboot pending;
 * the boot itself happens when the test calls {@link #completeReboot()} (or at once in {@link RebootMode#IMMEDIATE}).
 * A boot boots the default deployment (index 0), fails any running job (upstream: a reboot kills the job pod, whose
 * backoffLimit is 0; the host adapter tells a reboot from an agent restart by the boot id), and arms the init
 * monitor when the booted stateroot has an auto-rollback config with the monitor enabled and the monitor was not
 * disabled there.
 *
 * <p>The init monitor runs outside the agent, so {@link #fireInitMonitor()} (or a {@code tick()} once the clock is
 * past its deadline) does all of upstream's InitiateRollback here: it rewrites the IBU saved in the original
 * stateroot with Upgrade failed {@code Rollback due to LCA Init Monitor timeout, after 30m0s}, makes the original
 * stateroot the default and boots it, without waiting for {@code completeReboot()}.
 */
public abstract class InMemoryHostBoot extends InMemoryHostStore implements RebootPort {
    public static final String INTERRUPTED = "job was interrupted by a reboot of the node; move to Idle to abort, "
            + "then start Prep again";
    private RebootMode rebootMode = RebootMode.ON_COMPLETE_REBOOT;
    private List<String> rebootReasons = List.empty();
    private boolean rebootPending;
    private int boots;
    private Option<String> monitorArmedIn = Option.none();
    private Option<Instant> monitorDeadline = Option.none();

    InMemoryHostBoot(Faults faults, ClockPort clock, HostState host) {
        super(faults, clock, host);
    }

    /** Fails the running jobs when the node reboots; called under the host's lock. */
    abstract void interruptJobs(String why);

    public synchronized InMemoryHostBoot rebootMode(RebootMode mode) {
        rebootMode = Objects.requireNonNull(mode);
        return this;
    }

    @Override
    public Either<PortFailure, Void> reboot(String reason) {
        return faults.guard(Op.REBOOT, () -> {
            synchronized (this) {
                rebootReasons = rebootReasons.append(reason);
                rebootPending = true;
                if (rebootMode == RebootMode.IMMEDIATE) {
                    bootNow();
                }
                return Either.right(null);
            }
        });
    }

    @Override
    public Either<PortFailure, Void> disableInitMonitor() {
        return faults.guard(Op.DISABLE_INIT_MONITOR, () -> {
            synchronized (this) {
                host.dirs.get(host.bootedStateroot()).initMonitorRemoved = true;
                monitorArmedIn = Option.none();
                monitorDeadline = Option.none();
                return Either.right(null);
            }
        });
    }

    /** Boots the default deployment after a {@link #reboot(String)}; returns the stateroot now booted. */
    public synchronized String completeReboot() {
        if (!rebootPending) {
            throw new IllegalStateException("no reboot was requested; use powerCycle() for an unplanned reboot");
        }
        return bootNow();
    }

    /** An unplanned reboot (power loss, kernel panic): boots the default deployment. */
    public synchronized String powerCycle() {
        return bootNow();
    }

    public synchronized boolean rebootPending() {
        return rebootPending;
    }

    /** The reasons given to {@link #reboot(String)}, and {@code rollback} for each automatic rollback. */
    public synchronized List<String> rebootReasons() {
        return rebootReasons;
    }

    /** How many times the node booted since the host was made. */
    public synchronized int boots() {
        return boots;
    }

    public synchronized boolean initMonitorArmed() {
        return monitorArmedIn.isDefined();
    }

    public synchronized Option<Instant> initMonitorDeadline() {
        return monitorDeadline;
    }

    /**
     * The init monitor's timeout expires now: it stops, and rolls back as {@link #autoRollback(String)} does (if it
     * cannot, for want of an unbooted stateroot, nothing else happens, as upstream only logs that). Returns the
     * rollback message.
     */
    public synchronized String fireInitMonitor() {
        if (monitorArmedIn.isEmpty()) {
            throw new IllegalStateException("the init monitor is not running in " + host.bootedStateroot());
        }
        AutoRollbackConfig config = host.dirs.get(monitorArmedIn.get()).autoRollback.get();
        String message = dev.ibu.domain.Messages.initMonitorTimeout(config.monitorTimeoutSeconds());
        monitorArmedIn = Option.none();
        monitorDeadline = Option.none();
        autoRollback(message);
        return message;
    }

    /**
     * Upstream's InitiateRollback, run by host services outside the agent (init monitor, post-pivot service):
     * marks the IBU saved in the unbooted (original) stateroot Upgrade failed with {@code message}, makes that
     * stateroot the default and boots it. Returns the stateroot booted, or NotFound when there is no unbooted
     * stateroot to go back to (nothing changes then).
     */
    public synchronized Either<PortFailure, String> autoRollback(String message) {
        Option<String> unbooted = host.unbootedStateroot();
        if (unbooted.isEmpty()) {
            return Either.left(PortFailure.notFound("unable to find deployment in unbooted stateroot"));
        }
        String original = unbooted.get();
        StaterootDir dir = host.dirs.get(original);
        dir.ibu = dir.ibu.map(ibu -> markUpgradeFailed(ibu, message));
        host.setDefault(original);
        rebootReasons = rebootReasons.append("rollback");
        rebootPending = true;
        return Either.right(bootNow());
    }

    void fireInitMonitorIfDue() {
        synchronized (this) {
            if (monitorDeadline.isDefined() && !clock.now().isBefore(monitorDeadline.get())) {
                fireInitMonitor();
            }
        }
    }

    private ImageBasedUpgrade markUpgradeFailed(ImageBasedUpgrade ibu, String message) {
        Stamp stamp = new Stamp(ibu.generation(), clock.now());
        return ibu.withStatus(ibu.status().withConditions(
                Setters.upgradeFailed(ibu.status().conditions(), message, stamp)));
    }

    private String bootNow() {
        interruptJobs(INTERRUPTED);
        String sr = host.boot();
        rebootPending = false;
        boots++;
        StaterootDir dir = host.dirs.get(sr);
        Option<AutoRollbackConfig> config = dir.autoRollback.filter(AutoRollbackConfig::monitorEnabled);
        if (config.isDefined() && !dir.initMonitorRemoved) {
            monitorArmedIn = Option.some(sr);
            monitorDeadline = Option.some(clock.now().plusSeconds(config.get().monitorTimeoutSeconds()));
        } else {
            monitorArmedIn = Option.none();
            monitorDeadline = Option.none();
        }
        return sr;
    }
}
