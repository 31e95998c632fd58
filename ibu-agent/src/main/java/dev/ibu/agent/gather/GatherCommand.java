package dev.ibu.agent.gather;

import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.ports.engine.EngineSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The cluster side of the image's {@code /usr/bin/gather} (must-gather): run as
 * {@code java -cp ibu-agent.jar dev.ibu.agent.gather.GatherCommand --dest=/must-gather}. The shell script adds the
 * version file, the {@code diagnose} bundle and, inside the agent's container, the host side.
 */
@Command(name = "gather-cluster", mixinStandardHelpOptions = true,
        description = {"Collect what upstream's must-gather collects from the API server into --dest: the "
                + "lca.openshift.io, oadp.openshift.io and velero.io objects, the health-check objects, the agent "
                + "namespace's pods and their logs, and (--host-from-pod) the node's side through the agent's pod. "
                + "What cannot be collected is listed in gather-notes.txt; the rest is still collected."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:collected (gather-notes.txt lists any part that could not be)",
                "1:--dest cannot be written (the message names the file)",
                "2:bad options (the message names the option and the fix)"})
public final class GatherCommand implements Callable<Integer> {
    static final String NOTES = "gather-notes.txt";

    @Option(names = "--dest", required = true, paramLabel = "DIR", description = "Where to write (must-gather: "
            + "/must-gather).")
    Path dest;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG, "
            + "~/.kube/config, then the in-cluster service account, as in a must-gather pod).")
    Path kubeconfig;

    @Option(names = "--namespace", description = "The agent's namespace (default: $MY_POD_NAMESPACE, else "
            + EngineSettings.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--host-from-pod", description = "Collect the node's side by running gather-host in the "
            + "agent's pod (when this process does not see the node's root at /host).")
    boolean hostFromPod;

    private final PrintWriter out;
    private final PrintWriter err;

    public GatherCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new GatherCommand(out, err)).setOut(out).setErr(err);
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        Output output = new Output(dest.toAbsolutePath().normalize());
        String ns = AgentPorts.namespace(Optional.ofNullable(namespace));
        try {
            Files.createDirectories(output.dest());
            Either<String, KubernetesClient> opened = KubeClient.open(Optional.ofNullable(kubeconfig),
                    KubeClient.Settings.AGENT);
            if (opened.isLeft()) {
                err.println("error: " + opened.getLeft());
                return 2;
            }
            try (KubernetesClient client = opened.get()) {
                new ClusterObjects(client, output).collect();
                new AgentPods(client, output).collect(ns, hostFromPod);
            }
            StringBuilder notes = new StringBuilder();
            output.notes().forEach(n -> notes.append(n).append('\n'));
            output.write(NOTES, notes.toString());
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write under --dest " + dest + ": " + e.getMessage() + "; give --dest a "
                    + "writable directory (must-gather mounts /must-gather)");
            return 1;
        }
        out.println("gather-cluster: " + output.files() + " files in " + output.dest() + (output.notes().isEmpty()
                ? "" : "; not collected: " + output.notes().size() + ", see " + NOTES));
        return 0;
    }
}
