package dev.ibu.agent.controller;

import dev.ibu.agent.DurationConverter;
import dev.ibu.agent.observability.IbuStatusObserver;
import dev.ibu.agent.observability.MetricsServing;
import dev.ibu.agent.observability.RestClientMetrics;
import dev.ibu.agent.observability.ObservabilityOptions;
import dev.ibu.agent.observability.MeteredUseCase;
import dev.ibu.agent.observability.Observability;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import dev.ibu.ports.engine.UpgradeEngine;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.net.InetSocketAddress;
import java.util.Optional;
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
        if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
            err.println("--kubeconfig " + kubeconfig + " cannot be read: give the path of a readable kubeconfig "
                    + "file, or leave --kubeconfig out to use $KUBECONFIG, ~/.kube/config or the in-cluster config");
            err.flush();
            return 2;
        }
        if (resync.isZero() || resync.isNegative()) {
            err.println("--resync " + resync + " must be positive, e.g. --resync=10m");
            err.flush();
            return 2;
        }
        try {
            leaderElection.timings();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        String ns = namespace();
        AgentWiring.HostPorts hostPorts = HostWiring.create(host, err);
        if (hostPorts == null) {
            return 2;
        }
        LOG.info("host adapters: {}", hostPorts.description());
        Optional<InetSocketAddress> probes = probeAddress();
        if (probes == null) {
            return 2;
        }
        Optional<MetricsServing> metrics;
        try {
            metrics = observability.metricsServing();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        try (Observability obs = probes.isPresent() || metrics.isPresent() ? Observability.create(leaderElect) : null;
             KubernetesClient client = client(obs)) {
            if (probes.isPresent()) {
                obs.serveProbes(probes.get());
            }
            if (metrics.isPresent()) {
                try {
                    obs.serveMetrics(metrics.get(), client);
                } catch (java.io.IOException | IllegalArgumentException e) {
                    err.println("--metrics-address " + metrics.get().address() + ": " + e.getMessage());
                    err.flush();
                    return 2;
                }
            }
            LOG.info("API server {}, namespace {}{}{}", client.getMasterUrl(), ns,
                    probes.isPresent() ? ", probes on port " + obs.port() : "",
                    metrics.isPresent() ? ", metrics on port " + obs.metricsPort() : "");
            EnginePorts ports = AgentWiring.ports(client, ns, hostPorts);
            ReconcileUpgradeUseCase engine = new UpgradeEngine(ports, new EngineSettings(ns));
            if (obs != null) {
                engine = new MeteredUseCase(engine, obs.metrics(), obs.readiness());
                obs.watchPrecache(ports.precache());
            }
            serve(client, engine, obs);
        }
        return 0;
    }

    private void serve(KubernetesClient client, ReconcileUpgradeUseCase engine, Observability obs)
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
        SharedIndexInformer<?> statusMetrics = obs == null ? null : IbuStatusObserver.inform(client, obs.metrics());
        try (Controller controller = new Controller(client, engine, settings, r -> { })) {
            if (obs != null) {
                obs.watch(controller);
            }
            LeaderElection.Campaign campaign = null;
            if (leaderElect) {
                if (obs != null) {
                    obs.readiness().waitingForLease();
                }
                campaign = LeaderElection.runWhenLeader(client, namespace(), leaderElection.timings(), () -> {
                    if (obs != null) {
                        obs.readiness().leading();
                    }
                    controller.start();
                }, () -> {
                    if (obs != null) {
                        obs.readiness().notReady();
                    }
                    stop.countDown();
                }, obs == null ? leading -> { } : obs.leaderStatus(LeaderElection.LEASE));
            } else {
                controller.start();
            }
            if (runFor != null) {
                stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            if (obs != null) {
                obs.readiness().notReady();
            }
            if (campaign != null) {
                controller.close();  // stop reconciling before another replica may start
                campaign.stepDown();  // releases the Lease
            }
        } finally {
            stopped.countDown();
            if (statusMetrics != null) {
                statusMetrics.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
    }

    private String namespace() {
        return namespace != null ? namespace : System.getenv().getOrDefault("MY_POD_NAMESPACE",
                EngineSettings.DEFAULT_NAMESPACE);
    }

    /** Empty for 'off'; null (after saying why) when it cannot be parsed. */
    private Optional<InetSocketAddress> probeAddress() {
        if (observability.probesOff()) {
            return Optional.empty();
        }
        try {
            return Optional.of(observability.probeSocketAddress());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }

    private KubernetesClient client(Observability obs) throws java.io.IOException {
        Config config = kubeconfig != null ? Config.fromKubeconfig(Files.readString(kubeconfig,
                StandardCharsets.UTF_8)) : Config.autoConfigure(null);
        return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> {
                    if (obs != null) {
                        b.addOrReplaceInterceptor(RestClientMetrics.NAME, obs.restClient());
                    }
                })
                .withConfig(ApiRetryPolicy.SNO.applyTo(config)).build();
    }
}
