package dev.ibu.agent.ops;

import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Reasons;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import io.vavr.control.Option;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cleanup}: the manual clean-up of an AbortFailed or FinalizeFailed upgrade (seed document 15.3.4.2), done safely. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Finish by hand what the agent could not clean up (Idle condition AbortFailed or "
                + "FinalizeFailed), safely: --stateroot undeploys every deployment of that stateroot and removes "
                + "its directory (never the booted one nor the default one); --oadp deletes the leftover LCA "
                + "Backups; then the ImageBasedUpgrade 'upgrade' gets the " + Annotations.MANUAL_CLEANUP_DONE + " annotation so the "
                + "agent retries its clean-up and returns to Idle. Steps run in that order and stop at the first "
                + "failure, without annotating."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every requested step was done",
                "1:a step failed (the message says what is left and how to finish it by hand); not annotated",
                "2:bad options, or refused: --stateroot names the booted stateroot, the one holding the default "
                        + "deployment, or an invalid name, or which deployment is booted cannot be told"})
public final class CleanupCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--stateroot", paramLabel = "NAME", description = "Undeploy and remove this stateroot (not the "
            + "booted one). Needs --host or --sysroot.")
    String stateroot;

    @CommandLine.Option(names = "--oadp", description = "Delete the leftover LCA Backups (DeleteBackupRequests, as the agent does).")
    boolean oadp;

    @CommandLine.Option(names = "--no-annotate", description = "Do not add the " + Annotations.MANUAL_CLEANUP_DONE
            + " annotation.")
    boolean noAnnotate;

    @CommandLine.Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG, "
            + "~/.kube/config, then the in-cluster service account).")
    Path kubeconfig;

    @CommandLine.Option(names = "--host", paramLabel = "DIR", description = "The node's root as mounted in the agent's pod "
            + "(e.g. /host).")
    Path host;

    @CommandLine.Option(names = "--sysroot", paramLabel = "DIR", description = "An ostree sysroot on this machine instead of "
            + "--host.")
    Path sysroot;

    @CommandLine.Option(names = "--work-dir", paramLabel = "DIR", description = "With --sysroot: the host adapter's work files "
            + "(default: a 'work' directory beside the sysroot).")
    Path workDir;

    private final PrintWriter out;
    private final PrintWriter err;
    private final CleanupPorts injected;

    public CleanupCommand(PrintWriter out, PrintWriter err) {
        this(out, err, null);
    }

    /** Tests: run against these ports instead of the ones the options select. */
    CleanupCommand(PrintWriter out, PrintWriter err, CleanupPorts ports) {
        this.out = out;
        this.err = err;
        this.injected = ports;
    }

    @Override
    public Integer call() {
        try {
            if (stateroot != null && !OstreeCli.OSNAME.matcher(stateroot).matches()) {
                throw new OpsError("--stateroot " + stateroot + " is not a stateroot name: use letters, digits, "
                        + "'.', '_' and '-' (as `ostree admin status` lists them, e.g. rhcos_4.16.0)");
            }
            if (injected != null) {
                return run(injected);
            }
            boolean needCluster = oadp || !noAnnotate;
            Optional<KubernetesClient> client = needCluster ? Optional.of(KubeClient.open(Optional.ofNullable(
                    kubeconfig), KubeClient.Settings.AGENT).getOrElseThrow(message -> new OpsError(message)))
                    : Optional.empty();
            try {
                return run(open(client));
            } finally {
                client.ifPresent(KubernetesClient::close);
            }
        } catch (OpsError e) {
            return fail(2, e.getMessage());
        }
    }

    /** The ports through the agent's {@code EnginePortsBuilder}, as {@code run} has them; none without their option. */
    private CleanupPorts open(Optional<KubernetesClient> client) {
        Optional<HostAccess> hostAccess = host != null || sysroot != null
                ? Optional.of(HostAccess.open(host, sysroot, workDir)) : Optional.empty();
        EnginePortsBuilder ports = AgentPorts.builder(client, AgentPorts.namespace(Optional.empty()),
                hostAccess.map(HostAccess::adapters));
        return new CleanupPorts(Option.ofOptional(ports.find(StaterootPort.class)),
                Option.ofOptional(ports.find(BackupPort.class)), Option.ofOptional(ports.find(IbuResourcePort.class)),
                hostAccess.map(HostAccess::description).orElse(""));
    }

    private int run(CleanupPorts ports) {
        if (stateroot != null) {
            StaterootPort sr = ports.stateroots().getOrElseThrow(() -> new OpsError("--stateroot needs the host: "
                    + "give --host=/host in the agent's pod, or --sysroot=DIR for a sysroot on this machine"));
            int code = removeStateroot(sr);
            if (code != 0) {
                return code;
            }
        }
        if (oadp) {
            Either<PortFailure, Void> r = ports.backups().get().cleanup();
            if (r.isLeft()) {
                return fail(1, "OADP cleanup failed: " + r.getLeft().message() + ". Check the backup storage "
                        + "(oc get backupstoragelocations.velero.io -n openshift-adp: PHASE Available), delete the "
                        + "leftover Backups, then run cleanup again (not annotated)");
            }
            out.println("OADP: leftover LCA Backups deleted");
        }
        if (!noAnnotate) {
            return annotate(ports);
        }
        out.flush();
        return 0;
    }

    private int removeStateroot(StaterootPort sr) {
        Either<PortFailure, HostStatus> status = sr.status();
        if (status.isLeft()) {
            return fail(1, "cannot read the host's deployments (ostree admin status): " + status.getLeft().message());
        }
        Option<String> refused = StaterootRemovalGuard.refusal(status.get(), stateroot, host != null);
        if (refused.isDefined()) {
            return fail(2, refused.get());
        }
        if (!status.get().hasStateroot(stateroot)) {
            out.println("stateroot " + stateroot + ": no deployment; removing its directory if one is left");
        }
        Either<PortFailure, Void> r = sr.remove(stateroot);
        if (r.isLeft()) {
            return fail(r.getLeft() instanceof PortFailure.Invalid ? 2 : 1, "removing stateroot " + stateroot
                    + " failed: " + r.getLeft().message() + ". By hand: `ostree admin undeploy <index>` for each "
                    + "of its deployments, then unshare -m /bin/sh -c \"mount -o remount,rw /sysroot && rm -rf "
                    + "/sysroot/ostree/deploy/" + stateroot + "\"");
        }
        out.println("stateroot " + stateroot + ": undeployed and removed");
        return 0;
    }

    private int annotate(CleanupPorts ports) {
        var resource = ports.resource().get();
        Either<PortFailure, Option<ImageBasedUpgrade>> current = resource.read();
        if (current.isRight() && current.get().isDefined() && !cleanupFailed(current.get().get())) {
            out.println("note: the ImageBasedUpgrade is not AbortFailed or FinalizeFailed; the annotation only "
                    + "matters there");
        }
        Either<PortFailure, ImageBasedUpgrade> r = resource.setAnnotation(Annotations.MANUAL_CLEANUP_DONE,
                Option.some(""));
        if (r.isLeft()) {
            return fail(1, "cannot annotate the ImageBasedUpgrade upgrade: " + r.getLeft().message()
                    + ". By hand: oc annotate ibu upgrade " + Annotations.MANUAL_CLEANUP_DONE + "=");
        }
        out.println("ImageBasedUpgrade upgrade annotated " + Annotations.MANUAL_CLEANUP_DONE
                + ": the agent retries its clean-up and returns to Idle");
        out.flush();
        return 0;
    }

    private static boolean cleanupFailed(ImageBasedUpgrade ibu) {
        return ibu.status().conditions().find(ConditionTypes.IDLE).exists(c -> Reasons.ABORT_FAILED.equals(c.reason())
                || Reasons.FINALIZE_FAILED.equals(c.reason()));
    }

    private int fail(int code, String message) {
        out.flush();
        err.println("error: " + message);
        err.flush();
        return code;
    }
}
