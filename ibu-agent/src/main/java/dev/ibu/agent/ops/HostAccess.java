package dev.ibu.agent.ops;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.StaterootPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host side of {@code diagnose} and {@code cleanup}, through the host module's {@link HostAdapters} facade
 * (the one way host adapters are built): either a node's root mounted at {@code --host}, configured exactly as
 * {@code run --host} does it ({@link HostAdapterConfig#onNode}: the same command prefix, job and precache files), or
 * an ostree sysroot driven with {@code --sysroot} ({@link HostAdapterConfig#local}: commands run here; work files
 * under {@code --work-dir}).
 */
record HostAccess(HostAdapters adapters, String description) {

    /** The host of the options, or an error naming the option and the fix. */
    static HostAccess open(Path host, Path sysroot, Path workDir) {
        if (host != null && sysroot != null) {
            throw new OpsError("--host and --sysroot both given: use --host=/host in the agent's pod, or --sysroot=DIR "
                    + "for an ostree sysroot on this machine");
        }
        if (host != null) {
            return onNode(host.toAbsolutePath());
        }
        return forSysroot(sysroot.toAbsolutePath(), workDir == null ? sysroot.toAbsolutePath().resolveSibling("work")
                : workDir.toAbsolutePath());
    }

    private static HostAccess onNode(Path root) {
        if (!Files.isDirectory(root.resolve("sysroot"))) {
            throw new OpsError("--host=" + root + ": " + root.resolve("sysroot") + " does not exist: mount the node's "
                    + "root there (hostPath /), or give --sysroot=DIR for a sysroot on this machine");
        }
        return new HostAccess(new HostAdapters(HostAdapterConfig.onNode(root)), "node root at " + root);
    }

    private static HostAccess forSysroot(Path sysroot, Path work) {
        if (!Files.isDirectory(sysroot.resolve("ostree"))) {
            throw new OpsError("--sysroot=" + sysroot + " is not an ostree sysroot (no ostree/ in it): give the "
                    + "directory that holds ostree/deploy, or use --host=/host in the agent's pod");
        }
        return new HostAccess(new HostAdapters(HostAdapterConfig.local(sysroot, work, Set.of())), "sysroot " + sysroot);
    }

    StaterootPort stateroots() {
        return adapters.stateroots();
    }

    PrecachePort precache() {
        return adapters.precache();
    }

    /** {@code ostree admin status} as the host prints it (with {@code --sysroot} for a sysroot). */
    ProcessResult ostreeAdminStatus() {
        List<String> argv = new ArrayList<>(List.of("ostree", "admin", "status"));
        adapters.config().layout().sysrootArg().ifPresent(s -> argv.add("--sysroot=" + s));
        return adapters.hostRunner().run(argv);
    }
}
