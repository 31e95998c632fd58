package dev.ibu.agent.ops;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.precache.NodeRuntime;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.process.CommandPrefix;
import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.StaterootPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host side of {@code diagnose} and {@code cleanup}, through the host adapter: either a node's root mounted at
 * {@code --host} (commands in PID 1's namespaces, as {@code run --host} does, with the same job and precache files),
 * or an ostree sysroot driven with {@code --sysroot} (commands run here; work files under {@code --work-dir}).
 */
record HostAccess(StaterootPort stateroots, PrecachePort precache, ProcessRunner runner, HostLayout layout,
                  String description) {

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
        HostLayout layout = HostLayout.inPod(root);
        ProcessRunner runner = new ProcessRunner(CommandPrefix.nsenter(), Duration.ofMinutes(10));
        Path jobs = root.resolve("var/lib/lca/jobs"); // where `run --host` keeps them
        return build(layout, runner, jobs, PrecacheSettings.defaults(root), root.resolve("var/lib/containers/storage"),
                "overlay", "node root at " + root);
    }

    private static HostAccess forSysroot(Path sysroot, Path work) {
        if (!Files.isDirectory(sysroot.resolve("ostree"))) {
            throw new OpsError("--sysroot=" + sysroot + " is not an ostree sysroot (no ostree/ in it): give the "
                    + "directory that holds ostree/deploy, or use --host=/host in the agent's pod");
        }
        HostLayout layout = HostLayout.forSysroot(sysroot, work);
        ProcessRunner runner = new ProcessRunner(CommandPrefix.none(), Duration.ofMinutes(10));
        return build(layout, runner, work.resolve("ibu-jobs"),
                PrecacheSettings.defaults(work).withStatusFile(work.resolve("precache_status.json")),
                work.resolve("containers/graph"), "vfs", "sysroot " + sysroot);
    }

    private static HostAccess build(HostLayout layout, ProcessRunner runner, Path jobs, PrecacheSettings precache,
            Path storage, String driver, String description) {
        OstreeCli ostree = new OstreeCli(runner, layout);
        SkopeoClient skopeo = new SkopeoClient(runner, layout, Set.of(), 3);
        StaterootAdapter stateroots = new StaterootAdapter(ostree, runner, layout,
                new StaterootSetupJob(ostree, skopeo, layout, ExtractionLimits.SEED_DEFAULT),
                new HostJobs(jobs, layout.remountSysroot() ? "stateroot" : "stateroot-setup"));
        PrecacheAdapter precacheAdapter = new PrecacheAdapter(layout, new SkopeoImageStore(skopeo, storage, driver),
                precache, new HostJobs(jobs, "precache"), NodeRuntime.onHost(runner), Optional.empty());
        return new HostAccess(stateroots, precacheAdapter, runner, layout, description);
    }

    /** {@code ostree admin status} as the host prints it (with {@code --sysroot} for a sysroot). */
    ProcessResult ostreeAdminStatus() {
        List<String> argv = new ArrayList<>(List.of("ostree", "admin", "status"));
        layout.sysrootArg().ifPresent(s -> argv.add("--sysroot=" + s));
        return runner.run(argv);
    }
}
