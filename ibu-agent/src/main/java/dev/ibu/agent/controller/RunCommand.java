package dev.ibu.agent.controller;

import dev.ibu.agent.DurationConverter;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.engine.UpgradeEngine;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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

    @Option(names = "--host", paramLabel = "DIR|none", defaultValue = "none",
            description = "Where the node's root is mounted (e.g. /host), or none. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--leader-elect", description = "Hold the Lease ibu-agent-leader in the agent's namespace "
            + "before reconciling (for more than one replica).")
    boolean leaderElect;

    @Option(names = "--run-for", converter = DurationConverter.class, hidden = true,
            description = "Stop after this long (tests).")
    Duration runFor;

    public RunCommand(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
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
        String ns = namespace != null ? namespace : System.getenv().getOrDefault("MY_POD_NAMESPACE",
                EngineSettings.DEFAULT_NAMESPACE);
        AgentWiring.HostPorts hostPorts = HostWiring.create(host, err);
        if (hostPorts == null) {
            return 2;
        }
        LOG.info("host adapters: {}", hostPorts.description());
        try (KubernetesClient client = client()) {
            LOG.info("API server {}, namespace {}", client.getMasterUrl(), ns);
            UpgradeEngine engine = new UpgradeEngine(AgentWiring.ports(client, ns, hostPorts), new EngineSettings(ns));
            Controller.Settings settings = new Controller.Settings(resync, Controller.Settings.DEFAULT.backoffBase(),
                    Controller.Settings.DEFAULT.backoffCap(), Controller.Settings.DEFAULT.shutdownGrace());
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "ibu-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try (Controller controller = new Controller(client, engine, settings, r -> { })) {
                java.util.concurrent.CompletableFuture<?> campaign = null;
                if (leaderElect) {
                    campaign = LeaderElection.runWhenLeader(client, ns, controller::start, stop::countDown);
                } else {
                    controller.start();
                }
                if (runFor != null) {
                    stop.await(runFor.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } else {
                    stop.await();
                }
                if (campaign != null) {
                    campaign.cancel(true);  // steps down and releases the Lease
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook has run
                }
            }
        }
        return 0;
    }

    private KubernetesClient client() throws java.io.IOException {
        KubernetesClientBuilder b = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory());
        if (kubeconfig != null) {
            b.withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8)));
        }
        return b.build();
    }
}
