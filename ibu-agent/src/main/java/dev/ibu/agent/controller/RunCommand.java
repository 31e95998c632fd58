package dev.ibu.agent.controller;

import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.agent.DurationConverter;
import dev.ibu.agent.observability.IbuStatusObserver;
import dev.ibu.agent.observability.MeteredUseCase;
import dev.ibu.agent.observability.MetricsServing;
import dev.ibu.agent.observability.Observability;
import dev.ibu.agent.observability.ObservabilityOptions;
import dev.ibu.agent.observability.RestClientMetrics;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import dev.ibu.ports.out.BackupPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
    LeaderElectionOptions leaderElection = new LeaderElectionOptions();

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
        Either<String, LeaderElection.Timings> timings = checked(leaderElection::timings);
        if (timings.isLeft()) {
            return usage(timings.getLeft());
        }
        Either<String, Optional<InetSocketAddress>> probes = probeAddress();
        if (probes.isLeft()) {
            return usage(probes.getLeft());
        }
        Either<String, Optional<MetricsServing>> metrics = checked(observability::metricsServing);
        if (metrics.isLeft()) {
            return usage(metrics.getLeft());
        }
        Either<String, Optional<HostAdapters>> host = HostWiring.open(this.host);
        if (host.isLeft()) {
            return usage(host.getLeft());
        }
        String ns = AgentPorts.namespace(Optional.ofNullable(namespace));
        try (AutoCloseable hostJobs = () -> host.get().ifPresent(HostAdapters::close);
             Observed observed = Observed.create(probes.get().isPresent() || metrics.get().isPresent(),
                     leaderElect)) {
            Optional<Observability> obs = observed.server();
            // the API calls ride out an API server restart (ApiRetryPolicy.SNO); with metrics, each one is counted
            Either<String, KubernetesClient> client = KubeClient.open(Optional.ofNullable(kubeconfig),
                    ApiRetryPolicy.SNO.applyTo(KubeClient.Settings.AGENT), countRequests(obs));
            if (client.isLeft()) {
                return usage(client.getLeft());
            }
            try (KubernetesClient c = client.get()) {
                if (probes.get().isPresent()) {
                    obs.get().serveProbes(probes.get().get());
                }
                if (metrics.get().isPresent()) {
                    MetricsServing serving = metrics.get().get();
                    Either<String, Void> served = serveMetrics(obs.get(), serving, c);
                    if (served.isLeft()) {
                        return usage("--metrics-address " + serving.address() + ": " + served.getLeft());
                    }
                }
                EnginePortsBuilder builder = HostWiring.ports(c, ns, host.get());
                EnginePorts ports = builder.build();
                LOG.info("API server {}, namespace {}{}{}; ports from: {}", c.getMasterUrl(), ns,
                        probes.get().isPresent() ? ", probes on port " + obs.get().port() : "",
                        metrics.get().isPresent() ? ", metrics on port " + obs.get().metricsPort() : "",
                        origins(builder));
                ReconcileUpgradeUseCase engine = new UpgradeEngine(ports, new EngineSettings(ns));
                if (obs.isPresent()) {
                    engine = new MeteredUseCase(engine, obs.get().metrics(), obs.get().readiness());
                    obs.get().watchPrecache(ports.precache());
                }
                serve(c, engine, ports.backups(), obs, ns, timings.get());
            }
        }
        return 0;
    }

    /** The interceptor that counts the client's requests (rest_client_requests_total), when there are metrics. */
    private static Consumer<HttpClient.Builder> countRequests(Optional<Observability> obs) {
        return http -> obs.ifPresent(o -> http.addOrReplaceInterceptor(RestClientMetrics.NAME, o.restClient()));
    }

    /** What is wrong with the options, as their own {@link IllegalArgumentException} names it. */
    private static <T> Either<String, T> checked(Supplier<T> options) {
        try {
            return Either.right(options.get());
        } catch (IllegalArgumentException e) {
            return Either.left(e.getMessage());
        }
    }

    /** Serves /metrics as {@code serving} says; why it cannot (a missing certificate, a port in use). */
    private static Either<String, Void> serveMetrics(Observability obs, MetricsServing serving,
            KubernetesClient client) {
        try {
            obs.serveMetrics(serving, client);
            return Either.right(null);
        } catch (IOException | IllegalArgumentException e) {
            return Either.left(e.getMessage());
        }
    }

    /** e.g. {@code StaterootPort=host, ...}: which provider gave each port. */
    private static String origins(EnginePortsBuilder builder) {
        return builder.origins().entrySet().stream().map(e -> e.getKey().getSimpleName() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(", "));
    }

    /** The metrics registry and its servers (probes, /metrics), when any is served, as a resource. */
    private record Observed(Optional<Observability> server) implements AutoCloseable {
        static Observed create(boolean wanted, boolean leaderElect) {
            return new Observed(wanted ? Optional.of(Observability.create(leaderElect)) : Optional.empty());
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

    private void serve(KubernetesClient client, ReconcileUpgradeUseCase engine, BackupPort backups,
            Optional<Observability> obs, String ns, LeaderElection.Timings timings) throws InterruptedException {
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
            // a Backup's or Restore's phase change reconciles at once, not at the next requeue (upstream PR 7785)
            backups.onProgress(controller::enqueue);
            obs.ifPresent(o -> o.watch(controller));
            Optional<LeaderElection.Campaign> campaign = Optional.empty();
            if (leaderElect) {
                obs.ifPresent(o -> o.readiness().waitingForLease());
                Consumer<Boolean> leaderStatus = obs.<Consumer<Boolean>>map(o -> o.leaderStatus(LeaderElection.LEASE))
                        .orElse(leading -> { });
                campaign = Optional.of(LeaderElection.runWhenLeader(client, ns, timings, () -> {
                    obs.ifPresent(o -> o.readiness().leading());
                    controller.start();
                }, () -> {
                    obs.ifPresent(o -> o.readiness().notReady());
                    stop.countDown();
                }, leaderStatus));
            } else {
                controller.start();
            }
            if (runFor != null) {
                stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            obs.ifPresent(o -> o.readiness().notReady());
            if (campaign.isPresent()) {
                controller.close();  // stop reconciling before another replica may start
                campaign.get().stepDown();  // releases the Lease
            }
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
        return checked(() -> Optional.of(observability.probeSocketAddress()));
    }
}
