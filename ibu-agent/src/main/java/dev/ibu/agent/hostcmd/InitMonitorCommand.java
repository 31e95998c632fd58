package dev.ibu.agent.hostcmd;

import dev.ibu.agent.HostRoot;
import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code init-monitor}: the host-side watchdog of the new stateroot (upstream {@code lca-cli init-monitor}), run by
 * systemd units that came with the seed: after {@code initMonitorTimeoutSeconds}, or when a post-reboot component
 * failed, it marks the IBU saved in the original stateroot Upgrade failed, makes that stateroot the default and reboots.
 */
@Command(name = "init-monitor", mixinStandardHelpOptions = true,
        description = "Roll back to the original stateroot if the upgrade does not finish in time (run by systemd on "
                + "the node, not by people).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing to do, disabled, or rolled back", "1:a rollback was due but failed",
            "2:bad usage (give exactly one of --monitor or --exec-stop-post COMPONENT; --host-root must exist)"})
public final class InitMonitorCommand implements Callable<Integer> {

    static final class Mode {
        @Option(names = "--monitor", required = true, description = "Watchdog: wait for the timeout, then roll back")
        boolean monitor;

        @Option(names = "--exec-stop-post", required = true, paramLabel = "COMPONENT",
                description = "A unit stopped (config or postpivot): roll back if it did not succeed "
                        + "($SERVICE_RESULT)")
        String component;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = {HostRoot.NAME, HostRoot.ALIAS}, defaultValue = "/", paramLabel = "DIR",
            description = HostRoot.MEANING + " Default: ${DEFAULT-VALUE} (run by systemd on the node).")
    Path hostRoot;

    private final PrintWriter err;

    public InitMonitorCommand(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(hostRoot)) {
            err.println("error: --host-root " + hostRoot + " is not a directory; give the host's root, e.g. / or /host");
            err.flush();
            return 2;
        }
        List<String> args = new ArrayList<>();
        if (mode.monitor) {
            args.add("--monitor");
        } else {
            args.add("--exec-stop-post");
            args.add(mode.component);
        }
        try (HostAdapters host = new HostAdapters(HostAdapterConfig.onNode(hostRoot))) {
            return dev.ibu.adapters.host.reboot.InitMonitor.runCommand(host.initMonitor(), args, System.getenv());
        } catch (RuntimeException e) {
            // the node's tools (ostree, systemctl) failed: say what, without a stack trace
            err.println("error: init-monitor could not read the host under --host-root " + hostRoot + ": "
                    + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
