package dev.ibu.agent.controller;

import dev.ibu.adapters.host.HostJobs;
import dev.ibu.adapters.host.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.cert.CertificateAdapter;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.process.CommandPrefix;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.reboot.RebootAdapter;
import dev.ibu.adapters.host.reboot.RebootCommand;
import dev.ibu.adapters.host.seed.SeedImageAdapter;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.state.StateStoreAdapter;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The host adapters of a privileged pod with the node's "/" mounted at {@code --host} (upstream's layout): host
 * commands run in PID 1's namespaces (nsenter), files are read through the mount. Not exercised on a real node by
 * this project's tests; the adapters themselves are tested on temp sysroots and a loopback registry.
 */
final class HostWiring {
    private HostWiring() {
    }

    /** The host ports for {@code --host}, or null after telling {@code err} what is wrong. */
    static AgentWiring.HostPorts create(String host, PrintWriter err) {
        if ("none".equals(host)) {
            return AgentWiring.HostPorts.unavailable();
        }
        Path root = Path.of(host).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("sysroot"))) {
            err.println("--host=" + host + ": " + root.resolve("sysroot") + " does not exist: mount the node's root "
                    + "there (hostPath /), or use --host=none to run without host adapters");
            err.flush();
            return null;
        }
        HostLayout layout = HostLayout.inPod(root);
        ProcessRunner runner = new ProcessRunner(CommandPrefix.nsenter(), Duration.ofMinutes(30));
        OstreeCli ostree = new OstreeCli(runner, layout);
        SkopeoClient skopeo = new SkopeoClient(runner, layout, Set.of(), 3);
        Path jobs = root.resolve("var/lib/lca/jobs");
        StaterootAdapter stateroots = new StaterootAdapter(ostree, runner, layout,
                new StaterootSetupJob(ostree, skopeo, layout, ExtractionLimits.SEED_DEFAULT),
                new HostJobs(jobs, "stateroot"));
        PrecacheAdapter precache = new PrecacheAdapter(layout,
                new SkopeoImageStore(skopeo, root.resolve("var/lib/containers/storage"), "overlay"),
                PrecacheSettings.defaults(root), new HostJobs(jobs, "precache"), Set::of,
                Optional.of(root.resolve("var/lib/kubelet/config.json")));
        RebootAdapter reboot = new RebootAdapter(RebootCommand.systemd(runner), Duration.ofMinutes(60), runner,
                layout);
        return new AgentWiring.HostPorts(stateroots, new SeedImageAdapter(skopeo, layout), precache, reboot,
                new StateStoreAdapter(layout), new CertificateAdapter(layout),
                "node root at " + root + " (ostree, skopeo and systemd-run through nsenter into PID 1)");
    }
}
