package dev.ibu.rehearsal;

import dev.ibu.adapters.oadp.local.LocalBackupAdapter;
import dev.ibu.adapters.oadp.local.LocalBackupSettings;
import dev.ibu.agent.DurationConverter;
import dev.ibu.agent.LogLevels;
import dev.ibu.rehearsal.sim.FailStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code local}: rehearse an image-based upgrade on this machine, with nothing but Java. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Rehearse an image-based upgrade on this machine: a strict local API server holds the real "
                + "ImageBasedUpgrade resource (real Kubernetes adapter, generated CRD); host, precache, OADP, health "
                + "and registry are simulated, and so is time, so a whole run takes seconds.",
                "Walks the seed document: Idle -> Prep -> Upgrade -> (reboot) -> Idle, printing progress and "
                        + "'oc get ibu -o yaml' at each step."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rehearsal ended Idle as the seed document says (with --serve: stopped)",
            "1:it did not end Idle, or the embedded API server or the --host=ostree sysroot could not start",
            "2:bad options (--fail, --host, --backup, or a combination they refuse; --host=ostree without its "
                + "tools); the message names the option and the fix"})
public final class LocalCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(names = "--rollback", description = "After the upgrade, roll back (Upgrade -> Rollback -> Idle).")
    boolean rollback;

    @Option(names = "--fail", paramLabel = "STEP",
            description = "Make one step fail and show the recovery: stateroot, precache, backup, restore, abort, cleanup.")
    String fail;

    @Option(names = "--serve", description = "Do not rehearse: keep the API server up for kubectl and print a "
            + "kubeconfig path; the agent reacts to 'kubectl patch' as the seed document shows. Ctrl-C stops it.")
    boolean serve;

    @Option(names = "--port", description = "API server port on 127.0.0.1 (default 0: any free port, so two users on one machine never collide).")
    int port = 0;

    @Option(names = "--https", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve https (the default; a new self-signed certificate each start, in the kubeconfig): "
                    + "kubectl sends the kubeconfig's token only over TLS. --no-https serves plain http.")
    boolean https = true;

    @Option(names = "--kubeconfig-out", paramLabel = "FILE",
            description = "Where --serve writes the kubeconfig (default: a new file per run, ${java.io.tmpdir}/ibu-local-<port>/kubeconfig).")
    Path kubeconfig;

    @Option(names = "--no-yaml", description = "Print progress only, not the CR after each step.")
    boolean noYaml;

    @Option(names = "--pace", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Real time between two reconciles, so that kubectl can see the stages go by "
                    + "(default: 0; with --serve: 1s).")
    Duration pace;

    @Option(names = "--verbose", description = "Also log what the engine does (stderr).")
    boolean verbose;

    @Option(names = "--host", paramLabel = "sim|ostree", description = "sim (default): the in-memory host. ostree: a "
            + "REAL ostree sysroot in a temp directory (original stateroot fake-booted) and a loopback docker-registry "
            + "holding a small seed, driven by the real host adapters (needs root, ostree, skopeo, docker-registry).")
    String host = "sim";

    @Option(names = "--backup", paramLabel = "oadp|local", description = "oadp (default): the in-memory OADP/Velero. "
            + "local: the local backup adapter, keeping the oadpContent objects on the shared container partition (a "
            + "temp directory; with --host=ostree the lab's containers directory) with a SHA-256 manifest.")
    String backup = "oadp";

    @Option(names = "--serve-seconds", hidden = true, description = "Stop serving after N seconds (tests).")
    long serveSeconds;

    @picocli.CommandLine.Mixin
    dev.ibu.rehearsal.fleet.FleetOptions fleet = new dev.ibu.rehearsal.fleet.FleetOptions();

    @Option(names = "--serve-api-only", hidden = true, description = "Serve the API server with the prerequisites "
            + "(namespaces, ConfigMaps, pull secret) and no simulated agent, so that a real 'ibu-agent run' drives the "
            + "ImageBasedUpgrade (.ci/bench.d/30-agent.sh measures the node agent against it).")
    boolean apiOnly;

    public LocalCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (fleet.requested()) {
            LogLevels.quietLibraries(verbose);
            return fleet.run(noYaml, out, err);
        }
        Set<FailStep> failing = EnumSet.noneOf(FailStep.class);
        if (fail != null) {
            try {
                failing.add(FailStep.valueOf(fail.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                err.println("--fail=" + fail + " is not a step that can fail: use one of " + FailStep.choices());
                err.flush();
                return 2;
            }
        }
        if (!"sim".equals(host) && !"ostree".equals(host)) {
            return usage("--host=" + host + " is not a host: use --host=sim (in-memory) or --host=ostree (real sysroot)");
        }
        if (!"oadp".equals(backup) && !"local".equals(backup)) {
            return usage("--backup=" + backup + " is not a backup method: use --backup=oadp or --backup=local");
        }
        if ("local".equals(backup) && !failing.isEmpty() && !failing.contains(FailStep.STATEROOT)
                && !failing.contains(FailStep.PRECACHE)) {
            return usage("--fail=" + fail + " fails the in-memory Velero: use it with --backup=oadp");
        }
        if ("ostree".equals(host)) {
            if (serve) {
                return usage("--host=ostree rehearses once and cannot --serve: drop one of them");
            }
            if (failing.contains(FailStep.STATEROOT) || failing.contains(FailStep.PRECACHE)) {
                return usage("--fail=" + fail + " fails the in-memory host: use it with --host=sim (with --host=ostree "
                        + "only backup, restore, abort and cleanup can fail)");
            }
            java.util.List<String> missing = OstreeHost.missingTools();
            if (!missing.isEmpty()) {
                return usage("--host=ostree needs " + String.join(", ", missing)
                        + ": install them with 'bash .ci/install-host-tools.sh' (as root), or use --host=sim");
            }
        }
        LogLevels.quietLibraries(verbose);
        long started = System.nanoTime();
        if ("ostree".equals(host)) {
            out.println("ibu-agent local --host=ostree: building a temp ostree sysroot, a loopback registry and a seed...");
            out.flush();
            try (OstreeHost real = OstreeHost.start()) {
                return rehearse(started, failing, Optional.of(real));
            } catch (java.io.IOException e) {
                err.println("--host=ostree: cannot build the temp sysroot, registry or seed (" + e.getMessage()
                        + "); rerun with --verbose, or use --host=sim");
                err.flush();
                return 1;
            }
        }
        return rehearse(started, failing, Optional.empty());
    }

    private int usage(String line) {
        err.println(line);
        err.flush();
        return 2;
    }

    private int rehearse(long started, Set<FailStep> failing, Optional<OstreeHost> realHost) throws InterruptedException {
        int actualPort = port;
        LocalApiServer server;
        try {
            server = LocalApiServer.start(actualPort, https);
        } catch (RuntimeException e) {
            err.println("cannot start the local API server on 127.0.0.1:" + actualPort + " (" + e.getMessage()
                    + "): is the port in use? Choose another with --port=N, or --port=0 for any free port");
            err.flush();
            return 1;
        }
        try (LocalApiServer api = server) {
            if (apiOnly) {
                return serveApiOnly(api);
            }
            Optional<Path> partition = "local".equals(backup) ? Optional.of(partition(realHost)) : Optional.empty();
            SimWorld world = new SimWorld(api.agent(), failing, e -> out.println("  event: " + e), realHost,
                    partition.map(p -> new LocalBackupAdapter(api.agent(), LocalBackupSettings.at(
                            p.resolve("ibu-local-backup")))));
            // finalize deletes the backup directory; the temp partition goes at exit if nothing was left behind
            partition.filter(p -> realHost.isEmpty()).ifPresent(p -> p.toFile().deleteOnExit());
            SimulatedAgent agent = new SimulatedAgent(world, line -> {
                out.println(line);
                out.flush();
            }, effectivePace());
            Kubectl kubectl = new Kubectl(api.admin());
            Rehearsal rehearsal = new Rehearsal(kubectl, agent, world, out, !noYaml, failing);
            out.println("ibu-agent local: an image-based upgrade rehearsed on this machine");
            out.println("  real: API server " + api.url() + " (strict: the generated CRD's schema and CEL, deploy/base's "
                    + "RBAC, watch) and the Kubernetes adapters for the IBU, ConfigMaps and pull secret, acting as the "
                    + "agent's ServiceAccount");
            if (realHost.isPresent()) {
                out.println("  real host: ostree sysroot " + realHost.get().sysroot() + " (booted " + OstreeHost.ORIGINAL
                        + ", deleted at the end), seed " + realHost.get()
                        .seedImage() + ", host adapters (stateroots, seed image, precache, reboot, state store)");
                out.println("  in-memory test kit: OADP/Velero, health, cluster info; simulated time from "
                        + dev.ibu.rehearsal.sim.SimWorldDefaults.START);
            } else {
                out.println("  in-memory test kit: host (stateroots, reboot, state store), precache, OADP/Velero, "
                        + "health, seed registry; simulated time from " + dev.ibu.rehearsal.sim.SimWorldDefaults.START);
            }
            partition.ifPresent(p -> out.println("  real: the local backup (no OADP, no S3) under "
                    + p.resolve("ibu-local-backup") + " instead of the kit's Velero"));
            rehearsal.section("Agent start-up: the ImageBasedUpgrade CR is created automatically");
            agent.start();
            rehearsal.printCr();
            rehearsal.section("15.3.1 step 1: ConfigMaps, seed pull secret, and the spec");
            Prerequisites.create(api.admin());
            Prerequisites.mirror(world.kit.cluster());
            out.println("$ oc create -f extra-manifests-cms.yaml -f oadp-cm.yaml -f seed-pull-secret.yaml");
            String specPatch = realHost.map(h -> Prerequisites.specPatch(h.seedImage())).orElse(Prerequisites.SPEC_PATCH);
            out.println("$ oc patch imagebasedupgrades.lca.openshift.io upgrade -p='" + specPatch
                    + "' --type=merge");
            kubectl.mergePatch(specPatch);
            agent.settle();
            if (serve) {
                return new ServeLoop(api, agent, world, out, effectivePace()).run(kubeconfigPath(api), serveSeconds);
            }
            boolean idle = rehearsal.run(rollback);
            realHost.ifPresent(h -> out.println("== the real sysroot now: deployments " + h.deployedStateroots()
                    + ", booted " + h.booted() + ", stateroot directories " + h.staterootDirectories()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            out.println(String.format("%n== %s in %.1f s of real time (%s)", idle ? "done" : "FAILED",
                    took.toMillis() / 1000.0, agent.summary()));
            out.flush();
            return idle ? 0 : 1;
        }
    }

    /** {@code --serve-api-only}: the API server and the prerequisites, no agent; until killed. */
    private int serveApiOnly(LocalApiServer api) throws InterruptedException {
        Prerequisites.create(api.admin());
        Path file = api.writeAgentKubeconfig(kubeconfigPath(api));
        out.println("serving the API server only (no agent): export KUBECONFIG=" + file.toAbsolutePath());
        out.flush();
        if (serveSeconds > 0) {
            Thread.sleep(serveSeconds * 1000);
        } else {
            Thread.currentThread().join();  // until the JVM is stopped
        }
        return 0;
    }

    /** The shared container partition: the lab's containers directory with --host=ostree, else a temp directory. */
    private static Path partition(Optional<OstreeHost> realHost) {
        try {
            return realHost.isPresent() ? Files.createDirectories(realHost.get().sysroot().resolveSibling("work")
                    .resolve("containers")) : Files.createTempDirectory("ibu-local-partition");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Duration effectivePace() {
        return pace != null ? pace : serve ? Duration.ofSeconds(1) : Duration.ZERO;
    }

    private Path kubeconfigPath(LocalApiServer api) {
        return kubeconfig != null ? kubeconfig
                : Path.of(System.getProperty("java.io.tmpdir"), "ibu-local-" + api.port(), "kubeconfig");
    }
}
