package dev.ibu.rehearsal;

import dev.ibu.rehearsal.sim.FailStep;
import dev.ibu.domain.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seed document's procedure, step by step, against the simulated agent: each stage is requested with the
 * document's own {@code oc patch} body, the agent settles, and the CR is printed as {@code oc get ibu -o yaml}.
 * A failed stage is recovered by going back to Idle; AbortFailed/FinalizeFailed by the manual cleanup and the
 * {@code lca.openshift.io/manual-cleanup-done} annotation.
 */
final class Rehearsal {
    private static final String PATCH = "$ oc patch imagebasedupgrades.lca.openshift.io upgrade -p='%s' --type=merge%s";
    private static final String NS = " -n openshift-lifecycle-agent";

    private final Kubectl kubectl;
    private final SimulatedAgent agent;
    private final SimWorld world;
    private final PrintWriter out;
    private final boolean printYaml;
    private final Set<FailStep> failing;

    Rehearsal(Kubectl kubectl, SimulatedAgent agent, SimWorld world, PrintWriter out, boolean printYaml,
            Set<FailStep> failing) {
        this.failing = Set.copyOf(failing);
        this.kubectl = kubectl;
        this.agent = agent;
        this.world = world;
        this.out = out;
        this.printYaml = printYaml;
    }

    /** Runs the procedure; true when it ends Idle. */
    boolean run(boolean rollback) {
        if (!stage("Prep", "15.3.1: Prep", NS)) {
            return recover();
        }
        if (failing.contains(FailStep.ABORT)) {
            section("Abort after Prep (troubleshooting 15.3.4.2: AbortFailed)");
            return toIdle(NS);
        }
        if (!stage("Upgrade", "15.3.2: Upgrade", "")) {
            return recover();
        }
        if (rollback && !stage("Rollback", "15.3.3: manual Rollback", "")) {
            return false;  // Rollback failed: upstream allows nothing more, a person must look
        }
        section(rollback ? "15.3.3: finish the rollback (Idle)" : "15.3.2 step 4: finalize the upgrade (Idle)");
        return toIdle(rollback ? NS : "");
    }

    /** Requests {@code stage}, settles, prints; false when the stage failed. */
    private boolean stage(String stage, String title, String ns) {
        section(title);
        patch("{\"spec\": {\"stage\": \"" + stage + "\"}}", ns);
        agent.settle(() -> {
            out.println("-- after the reboot, while the cluster settles (15.3.2 step 2):");
            out.println("   carried-over cluster configuration applied first: " + world.appliedCarriedConfiguration()
                    + "; left in the booted stateroot's /var/opt/openshift: " + world.carriedConfiguration());
            printCr();
        });
        printCr();
        Optional<Map<String, Object>> completed = condition(stage + "Completed");
        boolean ok = completed.map(c -> "True".equals(c.get("status"))).orElse(false);
        if (!ok) {
            out.println("!! " + stage + " did not complete: " + condition(stage + "InProgress")
                    .map(c -> c.get("message")).orElse("?"));
        }
        return ok;
    }

    private boolean recover() {
        section("Recovery: back to Idle");
        return toIdle(NS);
    }

    private boolean toIdle(String ns) {
        patch("{\"spec\": {\"stage\": \"Idle\"}}", ns);
        SimulatedAgent.Settled settled = agent.settle();
        printCr();
        String reason = condition("Idle").map(c -> String.valueOf(c.get("reason"))).orElse("");
        if (settled == SimulatedAgent.Settled.WAITING_FOR_A_PERSON
                && ("AbortFailed".equals(reason) || "FinalizeFailed".equals(reason))) {
            section("Troubleshooting 15.3.4.2: " + reason + " -> clean up by hand, then annotate");
            out.println("(simulated) the person deletes the leftover backup CRs by hand");
            world.fix(FailStep.ABORT);
            world.fix(FailStep.CLEANUP);
            out.println("$ oc annotate ibu upgrade " + Annotations.MANUAL_CLEANUP_DONE + "=");
            kubectl.annotate(Annotations.MANUAL_CLEANUP_DONE);
            agent.settle();
            printCr();
        }
        boolean idle = condition("Idle").map(c -> "True".equals(c.get("status"))).orElse(false);
        out.println(idle ? "== Idle: the IBU is ready for the next upgrade" : "!! not Idle: " + reason);
        return idle;
    }

    void printCr() {
        if (!printYaml) {
            return;
        }
        out.println("$ oc get ibu -o yaml");
        out.print(kubectl.getYaml());
        out.println();
        out.flush();
    }

    private void patch(String body, String ns) {
        out.println(String.format(PATCH, body, ns));
        kubectl.mergePatch(body);
        out.flush();
    }

    void section(String title) {
        out.println();
        out.println("== " + title);
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> condition(String type) {
        GenericKubernetesResource ibu = kubectl.get();
        Object status = ibu == null ? null : ibu.getAdditionalProperties().get("status");
        if (!(status instanceof Map)) {
            return Optional.empty();
        }
        Object conditions = ((Map<String, Object>) status).get("conditions");
        if (!(conditions instanceof List)) {
            return Optional.empty();
        }
        return ((List<Map<String, Object>>) conditions).stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }
}
