package dev.ibu.agent.local;

import dev.ibu.agent.embedded.EmbeddedApiServer;
import dev.ibu.agent.local.sim.FailStep;
import dev.ibu.domain.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code local --serve}: the API server stays up for kubectl and the simulated agent reconciles whenever the CR
 * changes the way that triggers a reconcile upstream (stage-machine.md §4.12): a new generation, the
 * manual-cleanup-done annotation added or removed, trigger-reconcile added or changed, or the CR deleted.
 */
final class ServeLoop {
    private static final String TRIGGER = "lca.openshift.io/trigger-reconcile";
    private static final long POLL_MILLIS = 250;

    private final EmbeddedApiServer api;
    private final Kubectl kubectl;
    private final SimulatedAgent agent;
    private final SimWorld world;
    private final PrintWriter out;

    ServeLoop(EmbeddedApiServer api, Kubectl kubectl, SimulatedAgent agent, SimWorld world, PrintWriter out) {
        this.api = api;
        this.kubectl = kubectl;
        this.agent = agent;
        this.world = world;
        this.out = out;
    }

    int run(Path kubeconfigFile, long seconds) {
        Path file = api.writeKubeconfig(kubeconfigFile);
        out.println();
        out.println("== serving: the agent reacts to kubectl as it would on a cluster (time is simulated)");
        out.println("export KUBECONFIG=" + file.toAbsolutePath());
        out.println("kubectl get ibu");
        out.println("kubectl patch imagebasedupgrades.lca.openshift.io upgrade -p='{\"spec\": {\"stage\": \"Prep\"}}'"
                + " --type=merge -n openshift-lifecycle-agent");
        out.println("kubectl get ibu upgrade -o yaml");
        out.println("kubectl annotate ibu upgrade " + Annotations.MANUAL_CLEANUP_DONE + "=   # after AbortFailed/"
                + "FinalizeFailed");
        out.println("(kubectl get -w does not work against this server: run 'kubectl get ibu' again instead)");
        out.println("Ctrl-C stops the server.");
        out.flush();
        long deadline = seconds > 0 ? System.currentTimeMillis() + seconds * 1000 : Long.MAX_VALUE;
        String seen = trigger(kubectl.get());
        while (System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            GenericKubernetesResource ibu = kubectl.get();
            String now = trigger(ibu);
            if (Objects.equals(now, seen)) {
                continue;
            }
            if (ibu != null && annotations(ibu).containsKey(Annotations.MANUAL_CLEANUP_DONE)) {
                // the annotation says "I cleaned up by hand": the simulated leftovers are gone
                world.fix(FailStep.ABORT);
                world.fix(FailStep.CLEANUP);
            }
            out.println("-- the CR changed: reconciling");
            agent.settle();
            out.flush();
            seen = trigger(kubectl.get());
        }
        return 0;
    }

    private static String trigger(GenericKubernetesResource ibu) {
        if (ibu == null) {
            return "missing";
        }
        Map<String, String> a = annotations(ibu);
        return ibu.getMetadata().getGeneration() + "|" + a.containsKey(Annotations.MANUAL_CLEANUP_DONE) + "|"
                + a.get(TRIGGER) + "|" + ibu.getMetadata().getUid();
    }

    private static Map<String, String> annotations(GenericKubernetesResource ibu) {
        Map<String, String> a = ibu.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }
}
