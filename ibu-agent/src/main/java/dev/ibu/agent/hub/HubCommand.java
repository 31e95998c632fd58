package dev.ibu.agent.hub;

import dev.ibu.adapters.k8s.fleet.HubAdapters;
import dev.ibu.agent.DurationConverter;
import dev.ibu.agent.controller.WorkQueue;
import dev.ibu.agent.observability.MetricsServing;
import dev.ibu.agent.observability.Observability;
import dev.ibu.agent.observability.ObservabilityOptions;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.ports.fleet.HubEngine;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code hub}: the fleet controller for ImageBasedGroupUpgrades on an ACM hub. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"The fleet controller on an ACM hub: rolls ImageBasedGroupUpgrades (lcm.openshift.io/v1alpha1)"
                + " out to managed clusters over ManifestWorks, with TALM's plan and ibu's failure budget, canary,"
                + " fail-fast and hold. Deploy: kubectl apply -k ibu-agent/deploy/hub"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (SIGTERM, or --run-for elapsed)",
            "1:the hub's watches did not start (API server unreachable, the CRDs or RBAC missing)",
            "2:did not start: bad options, an unreadable --kubeconfig, or the probe or metrics port in use"})
public final class HubCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HubCommand.class);

    private final PrintWriter err;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG, "
            + "~/.kube/config, else the in-cluster service account)")
    Path kubeconfig;

    @Option(names = "--resync", converter = DurationConverter.class, defaultValue = "5m",
            description = "Reconcile every IBGU at least this often (default ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--start-timeout", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long the watches may take to list everything once (default ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @CommandLine.Mixin
    ObservabilityOptions observability = new ObservabilityOptions();

    @Option(names = "--run-for", converter = DurationConverter.class, hidden = true,
            description = "Stop after this long (tests).")
    Duration runFor;

    public HubCommand(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        observability.applyLogFormat();
        if (resync.isZero() || resync.isNegative()) {
            err.println("hub: --resync " + resync + " must be positive, e.g. --resync=5m");
            return 2;
        }
        Optional<MetricsServing> metrics;
        Optional<InetSocketAddress> probes;
        try {
            metrics = observability.metricsServing();
            probes = observability.probesOff() ? Optional.empty() : Optional.of(observability.probeSocketAddress());
        } catch (IllegalArgumentException e) {
            err.println("hub: " + e.getMessage());
            return 2;
        }
        Either<String, KubernetesClient> client = KubeClient.open(Optional.ofNullable(kubeconfig),
                KubeClient.Settings.AGENT);
        if (client.isLeft()) {
            err.println("hub: " + client.getLeft());
            return 2;
        }
        Clock clock = ClockPort.systemClock();
        WorkQueue queue = new WorkQueue(clock);
        try (KubernetesClient c = client.get();
             Observability obs = Observability.create(false)) {
            try {
                if (probes.isPresent()) {
                    obs.serveProbes(probes.get());
                }
                if (metrics.isPresent()) {
                    obs.serveMetrics(metrics.get(), c);
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("hub: cannot serve probes or metrics: " + e.getMessage()
                        + "; change --probe-address or --metrics-address");
                return 2;
            }
            HubAdapters adapters;
            try {
                adapters = HubAdapters.start(c, ClockPort.system(), ref -> queue.add(HubLoop.key(ref)),
                        startTimeout);
            } catch (IllegalStateException e) {
                err.println("hub: " + e.getMessage());
                return 1;
            }
            obs.readiness().synced();
            try (adapters) {
                return serve(adapters, queue, clock, new HubMetrics(obs.registry()));
            }
        }
    }

    private int serve(HubAdapters adapters, WorkQueue queue, Clock clock, HubMetrics metrics)
            throws InterruptedException {
        HubEngine engine = new HubEngine(adapters.ports());
        HubLoop loop = new HubLoop(engine::reconcile, queue, clock, resync, metrics);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-timers");
            t.setDaemon(true);
            return t;
        });
        Thread hook = new Thread(queue::shutDown, "hub-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            timers.scheduleAtFixedRate(() -> adapters.ibguRefs().forEach(r -> queue.add(HubLoop.key(r))),
                    resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
            if (runFor != null) {
                timers.schedule(queue::shutDown, runFor.toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.info("hub controller started: {} ImageBasedGroupUpgrade(s), resync every {}",
                    adapters.ibguRefs().size(), resync);
            loop.run();
            return 0;
        } finally {
            timers.shutdownNow();
            if (runFor != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}
