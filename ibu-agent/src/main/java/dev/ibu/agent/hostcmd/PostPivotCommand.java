package dev.ibu.agent.hostcmd;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code post-pivot}: the host-side step after a reboot into another stateroot, as a one-shot: put the
 * ImageBasedUpgrade saved in the booted stateroot back into the cluster (what the agent's start-up does), and say
 * where the upgrade stands. Recert and network reconfiguration of upstream's post-pivot are out of scope.
 */
@Command(name = "post-pivot", mixinStandardHelpOptions = true,
        description = "After a reboot into another stateroot: restore the ImageBasedUpgrade saved there into the "
                + "cluster and show where the upgrade stands (the agent does the same when it starts).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored, or nothing was saved", "1:the cluster or the host could not be read or written",
            "2:bad usage (--host-root must be a directory, --kubeconfig a readable file)"})
public final class PostPivotCommand implements Callable<Integer> {
    @Option(names = "--host-root", defaultValue = "/", paramLabel = "DIR",
            description = "The host's root (/ on the node, /host from the agent's container)")
    Path hostRoot;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "default: $KUBECONFIG, ~/.kube/config, "
            + "then the in-cluster config")
    Path kubeconfig;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Function<PostPivotCommand, EnginePorts> ports;

    public PostPivotCommand(PrintWriter out, PrintWriter err) {
        this(out, err, PostPivotCommand::discoveredPorts);
    }

    /** Tests give their own ports. */
    PostPivotCommand(PrintWriter out, PrintWriter err, Function<PostPivotCommand, EnginePorts> ports) {
        this.out = out;
        this.err = err;
        this.ports = ports;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(hostRoot)) {
            return usage("--host-root " + hostRoot + " is not a directory; give the host's root, e.g. / or /host");
        }
        if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
            return usage("--kubeconfig " + kubeconfig + " cannot be read; give a readable kubeconfig or leave it out");
        }
        try {
            EnginePorts p = ports.apply(this);
            ReconcileResult r = new UpgradeEngine(p).initialize();
            if (r.error().isDefined()) {
                err.println("error: post-pivot: " + r.error().get().message());
                err.flush();
                return 1;
            }
            out.println("post-pivot: " + r.summary());
            p.resource().read().forEach(ibu -> ibu.forEach(this::describe));
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("error: post-pivot: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void describe(ImageBasedUpgrade ibu) {
        out.println("spec.stage: " + ibu.spec().stage());
        for (Condition c : ibu.status().conditions().items()) {
            out.println("  " + c.type() + " " + c.status().wireName() + " " + c.reason() + ": " + c.message());
        }
    }

    private int usage(String message) {
        err.println("error: " + message);
        err.flush();
        return 2;
    }

    /** The agent's ports (as {@code run} has them) on the node root {@code --host-root}. */
    private static EnginePorts discoveredPorts(PostPivotCommand c) {
        KubernetesClient client = KubeClient.open(Optional.ofNullable(c.kubeconfig), KubeClient.Settings.AGENT)
                .getOrElseThrow(message -> new IllegalStateException(message));
        HostAdapters host = new HostAdapters(HostAdapterConfig.onNode(c.hostRoot.toAbsolutePath()));
        return AgentPorts.builder(Optional.of(client), AgentPorts.namespace(Optional.empty()), Optional.of(host))
                .build();
    }
}
