package dev.ibu.rehearsal;

import dev.ibu.agent.controller.Controller;
import dev.ibu.domain.Annotations;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code local --serve}: the API server stays up for kubectl, and {@code run}'s controller (informer, queue,
 * backoff, the §4.12 triggers) drives the simulated agent through {@link SimulatedUseCase}.
 */
final class ServeLoop {
    private final LocalApiServer api;
    private final SimulatedAgent agent;
    private final SimWorld world;
    private final PrintWriter out;
    private final Duration pace;

    ServeLoop(LocalApiServer api, SimulatedAgent agent, SimWorld world, PrintWriter out, Duration pace) {
        this.api = api;
        this.agent = agent;
        this.world = world;
        this.out = out;
        this.pace = pace;
    }

    int run(Path kubeconfigFile, long seconds) throws InterruptedException {
        Path file = api.writeAdminKubeconfig(kubeconfigFile);
        out.println();
        out.println("== serving: the agent reacts to kubectl as it would on a cluster (time is simulated)");
        out.println("export KUBECONFIG=" + file.toAbsolutePath());
        out.println("kubectl get ibu");
        out.println("kubectl patch imagebasedupgrades.lca.openshift.io upgrade -p='{\"spec\": {\"stage\": \"Prep\"}}'"
                + " --type=merge -n openshift-lifecycle-agent");
        out.println("kubectl get ibu upgrade -o yaml");
        out.println("kubectl annotate ibu upgrade " + Annotations.MANUAL_CLEANUP_DONE + "=   # after AbortFailed/"
                + "FinalizeFailed");
        out.println("kubectl get ibu -w   # follows the changes; the agent inside acts as its ServiceAccount");
        out.println("Ctrl-C stops the server.");
        out.flush();
        Controller.Settings settings = new Controller.Settings(Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        try (Controller controller = new Controller(api.agent(), new SimulatedUseCase(agent, world, pace),
                settings, r -> out.flush())) {
            controller.start();
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            } else {
                Thread.currentThread().join();  // until Ctrl-C ends the JVM
            }
        }
        return 0;
    }
}
