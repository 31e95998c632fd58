package dev.ibu.adapters.host.reboot;

import dev.ibu.adapters.host.state.AutoRollbackFile;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.state.StateStoreAdapter;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stamp;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The init monitor (upstream {@code lca-cli init-monitor}, host-and-image.md §4.4-4.5), runnable by the
 * agent as a command in the new stateroot: after the timeout, or when a post-reboot component failed,
 * mark the IBU saved in the original stateroot as Upgrade failed, make that stateroot the default and
 * reboot into it.
 */
public final class InitMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(InitMonitor.class);

    /** What a run did; the agent turns it into an exit code (0 except {@link Failed}). */
    public sealed interface Outcome {
        record NoConfig() implements Outcome {
        }

        record Disabled(String why) implements Outcome {
        }

        record RolledBack(String message) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }
    }

    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HostLayout layout;
    private final OstreeCli ostree;
    private final StateStoreAdapter store;
    private final RebootCommand reboot;
    private final Sleeper sleeper;
    private final Clock clock;

    public InitMonitor(HostLayout layout, OstreeCli ostree, StateStoreAdapter store, RebootCommand reboot,
                       Sleeper sleeper, Clock clock) {
        this.layout = layout;
        this.ostree = ostree;
        this.store = store;
        this.reboot = reboot;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The command line of upstream's {@code lca-cli init-monitor}: {@code --monitor} or
     * {@code --exec-stop-post <component>} (mutually exclusive; systemd passes $SERVICE_RESULT in the
     * environment). Returns the exit code: 0, 1 when a rollback was due but failed, 2 for bad usage.
     */
    public static int runCommand(InitMonitor monitor, List<String> args, Map<String, String> env) throws InterruptedException {
        boolean watch = args.contains("--monitor");
        int i = args.indexOf("--exec-stop-post");
        if (watch == (i >= 0) || (i >= 0 && i + 1 >= args.size())) {
            LOG.error("init-monitor: give exactly one of --monitor or --exec-stop-post <component> (config, postpivot)");
            return 2;
        }
        Outcome out = watch ? monitor.monitor()
            : monitor.execStopPost(args.get(i + 1), env.getOrDefault("SERVICE_RESULT", ""));
        return out instanceof Outcome.Failed ? 1 : 0;
    }

    /** Watchdog mode ({@code --monitor}). */
    public Outcome monitor() throws InterruptedException {
        Optional<AutoRollbackFile.Content> cfg = config();
        if (cfg.isEmpty()) {
            return new Outcome.NoConfig();
        }
        if (!cfg.get().monitorOn()) {
            LOG.info("LCA Init Monitor is disabled in {}", AutoRollbackFile.RELATIVE);
            return new Outcome.Disabled("monitor_enabled is false");
        }
        long secs = cfg.get().timeoutSeconds();
        if (secs <= 0) {
            LOG.info("LCA Init Monitor timeout is {}: not monitoring", secs);
            return new Outcome.Disabled("monitor_timeout is " + secs);
        }
        String d = dev.ibu.domain.GoDuration.format(secs);
        LOG.info("Launching LCA Init Monitor timeout. Automatic rollback will occur in {} if upgrade is not completed "
            + "successfully within that time", d);
        sleeper.sleep(Duration.ofSeconds(secs));
        return initiateRollback("Rollback due to LCA Init Monitor timeout, after " + d);
    }

    /** ExecStopPost mode: roll back when the component may and the unit did not succeed. */
    public Outcome execStopPost(String component, String serviceResult) {
        Optional<AutoRollbackFile.Content> cfg = config();
        if (cfg.isEmpty() || !cfg.get().componentEnabled(component)) {
            return new Outcome.Disabled("auto-rollback not enabled for component " + component);
        }
        if ("success".equals(serviceResult)) {
            return new Outcome.Disabled("service result is success");
        }
        return initiateRollback("Rollback due to service-unit failure: component " + component);
    }

    /** Upstream's InitiateRollback: rewrite the saved CR in the original stateroot, set it default, reboot. */
    public Outcome initiateRollback(String message) {
        try {
            List<OstreeDeployment> st = ostree.status();
            String booted = st.stream().filter(OstreeDeployment::booted).map(OstreeDeployment::osname).findFirst()
                .orElseThrow(() -> new IllegalStateException("unable to determine booted stateroot"));
            OstreeDeployment target = st.stream().filter(x -> !x.osname().equals(booted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unable to find deployment in unbooted stateroot"));
            markUpgradeFailed(target.osname(), message);
            ostree.setDefault(target.index(), layout.workRoot());
            LOG.warn("{}: rebooting into stateroot {}", message, target.osname());
            reboot.reboot("rollback");
            return new Outcome.RolledBack(message);
        } catch (RuntimeException e) {
            LOG.error("automatic rollback failed: {}", e.getMessage());
            return new Outcome.Failed("automatic rollback failed: " + e.getMessage());
        }
    }

    private void markUpgradeFailed(String stateroot, String message) {
        Option<ImageBasedUpgrade> saved = store.loadIbu(stateroot).getOrElseThrow(f -> new IllegalStateException(f.message()));
        if (saved.isEmpty()) {
            // the rollback matters more than the message: carry on, the agent recreates a CR on boot
            LOG.warn("no IBU saved in stateroot {}; rolling back without recording why", stateroot);
            return;
        }
        ImageBasedUpgrade ibu = saved.get();
        Stamp stamp = new Stamp(ibu.generation(), clock.instant());
        ImageBasedUpgrade failed = ibu.withStatus(ibu.status().withConditions(
            Setters.upgradeFailed(ibu.status().conditions(), message, stamp)));
        store.saveIbu(stateroot, failed).getOrElseThrow(f -> new IllegalStateException(f.message()));
    }

    private Optional<AutoRollbackFile.Content> config() {
        String booted = ostree.status().stream().filter(OstreeDeployment::booted).map(OstreeDeployment::osname)
            .findFirst().orElse(null);
        if (booted == null) {
            LOG.info("no booted deployment: the init monitor has nothing to watch");
            return Optional.empty();
        }
        return AutoRollbackFile.read(layout, booted);
    }
}
