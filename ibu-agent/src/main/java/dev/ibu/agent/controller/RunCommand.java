package dev.ibu.agent.controller;

import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.agent.DurationConverter;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.agent.observability.IbuStatusObserver;
import dev.ibu.agent.observability.ObservabilityOptions;
import dev.ibu.agent.observability.MeteredUseCase;
import dev.ibu.agent.observability.Observability;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import dev.ibu.ports.engine.UpgradeEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code run}: the controller, on a cluster (in-cluster config) or against any API server (kubeconfig). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the IBU controller: watch the ImageBasedUpgrade 'upgrade' and reconcile it.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final PrintWriter err;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG, "
            + "~/.kube/config, then the in-cluster service account).")
    Path kubeconfig;

    @Option(names = "--namespace", description = "The agent's namespace (default: $MY_POD_NAMESPACE, else "
            + EngineSettings.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--resync", converter = DurationConverter.class, defaultValue = "10m",
            description = "Reconcile at least this often (e.g. 10m, 30s). Default: ${DEFAULT-VALUE}.")
    Duration resync;

    @Option(names = {"--host", "--host-root"}, paramLabel = "DIR|none", defaultValue = "none",
            description = "Where the node's root is mounted (e.g. /host), or none. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--leader-elect", description = "Hold the Lease ibu-agent-leader in the agent's namespace "
            + "before reconciling (for more than one replica).")
    boolean leaderElect;

    @CommandLine.Mixin
    ObservabilityOptions observability = new ObservabilityOptions();

    @Option(names = "--run-for", converter = DurationConverter.class, hidden = true,
            description = "Stop after this long (tests).")
    Duration runFor;

    public RunCommand(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        observability.applyLogFormat();
        if (resync.isZero() || resync.isNegative()) {
            return usage("--resync " + resync + " must be positive, e.g. --resync=10m");
        }
        Either<String, Optional<InetSocketAddress>> probes = probeAddress();
        if (probes.isLeft()) {
            return usage(probes.getLeft());
        }
        Either<String, KubernetesClient> client = KubeClient.open(Optional.ofNullable(kubeconfig),
                KubeClient.Settings.AGENT);
        if (client.isLeft()) {
            return usage(client.getLeft());
        }
        Either<String, Optional<HostAdapters>> host = HostWiring.open(this.host);
        if (host.isLeft()) {
            client.get().close();
            return usage(host.getLeft());
        }
        String ns = AgentPorts.namespace(Optional.ofNullable(namespace));
        try (KubernetesClient c = client.get();
             AutoCloseable hostJobs = () -> host.get().ifPresent(HostAdapters::close);
             Observed observed = Observed.start(probes.get(), leaderElect)) {
            Optional<Observability> obs = observed.server();
            EnginePortsBuilder builder = HostWiring.ports(c, ns, host.get());
            EnginePorts ports = builder.build();
            LOG.info("API server {}, namespace {}{}; ports from: {}", c.getMasterUrl(), ns, obs
                    .map(o -> ", metrics and probes on port " + o.port()).orElse(""), origins(builder));
            ReconcileUpgradeUseCase engine = new UpgradeEngine(ports, new EngineSettings(ns));
            if (obs.isPresent()) {
                engine = new MeteredUseCase(engine, obs.get().metrics(), obs.get().readiness());
                obs.get().watchPrecache(ports.precache());
            }
            serve(c, engine, obs);
        }
        return 0;
    }

    /** e.g. {@code StaterootPort=host, ...}: which provider gave each port. */
    private static String origins(EnginePortsBuilder builder) {
        return builder.origins().entrySet().stream().map(e -> e.getKey().getSimpleName() + "=" + e.getValue())
                .sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    /** The metrics and probes server, when there is one, as a resource. */
    private record Observed(Optional<Observability> server) implements AutoCloseable {
        static Observed start(Optional<InetSocketAddress> address, boolean leaderElect) throws java.io.IOException {
            return new Observed(address.isEmpty() ? Optional.empty()
                    : Optional.of(Observability.start(address.get(), leaderElect)));
        }

        @Override
        public void close() {
            server.ifPresent(Observability::close);
        }
    }

    private int usage(String message) {
        err.println(message);
        err.flush();
        return 2;
    }

    private void serve(KubernetesClient client, ReconcileUpgradeUseCase engine, Optional<Observability> obs)
            throws InterruptedException {
        Controller.Settings settings = new Controller.Settings(resync, Controller.Settings.DEFAULT.backoffBase(),
                Controller.Settings.DEFAULT.backoffCap(), Controller.Settings.DEFAULT.shutdownGrace());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: ask the main thread to stop, and keep the JVM alive until it has (the running reconcile ends)
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(settings.shutdownGrace().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ibu-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Optional<SharedIndexInformer<?>> statusMetrics = obs.map(o -> IbuStatusObserver.inform(client, o.metrics()));
        try (Controller controller = new Controller(client, engine, settings, r -> { })) {
            Optional<CompletableFuture<?>> campaign = Optional.empty();
            if (leaderElect) {
                obs.ifPresent(o -> o.readiness().waitingForLease());
                campaign = Optional.of(LeaderElection.runWhenLeader(client,
                        AgentPorts.namespace(Optional.ofNullable(namespace)), () -> {
                            obs.ifPresent(o -> o.readiness().leading());
                            controller.start();
                        }, () -> {
                            obs.ifPresent(o -> o.readiness().notReady());
                            stop.countDown();
                        }));
            } else {
                controller.start();
            }
            if (runFor != null) {
                stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            obs.ifPresent(o -> o.readiness().notReady());
            campaign.ifPresent(c -> c.cancel(true));  // steps down and releases the Lease
        } finally {
            stopped.countDown();
            statusMetrics.ifPresent(SharedIndexInformer::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
    }

    /** Empty for 'off'; what is wrong when it cannot be parsed. */
    private Either<String, Optional<InetSocketAddress>> probeAddress() {
        if (observability.probesOff()) {
            return Either.right(Optional.empty());
        }
        try {
            return Either.right(Optional.of(observability.probeSocketAddress()));
        } catch (IllegalArgumentException e) {
            return Either.left(e.getMessage());
        }
    }
}
