package dev.ibu.agent.ops;

import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.agent.wiring.AgentPorts;
import dev.ibu.agent.wiring.KubeClient;
import dev.ibu.ports.engine.EngineSettings;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code diagnose}: a must-gather-style {@code .tar.gz} of what it takes to debug an image-based upgrade. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Collect what it takes to debug an image-based upgrade into a .tar.gz, as must-gather does: the "
                + "ImageBasedUpgrade as YAML, its events, the ConfigMaps it refers to, agent logs, `ostree admin "
                + "status` and the stateroots, precache progress, and the OADP objects (Backups, Restores, "
                + "DeleteBackupRequests, BackupStorageLocations, DataProtectionApplications, Secrets). Secrets are "
                + "redacted: Secret data, credential-like keys (password, token, aws..., .dockerconfigjson) and such "
                + "key=value pairs in logs. What cannot be read is listed in summary.txt; the rest is still collected."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the bundle was written (summary.txt lists any part that could not be collected)",
                "1:the bundle could not be written (the message names the file)",
                "2:bad options (the message names the option and the fix)"})
public final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the bundle (default: ibu-diagnose-<UTC time>.tar.gz here).")
    Path output;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG, "
            + "~/.kube/config, then the in-cluster service account).")
    Path kubeconfig;

    @Option(names = "--no-cluster", description = "Collect nothing from the API server (host and logs only).")
    boolean noCluster;

    @Option(names = "--namespace", description = "The agent's namespace, for its events (default: $MY_POD_NAMESPACE, "
            + "else " + EngineSettings.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--oadp-namespace", defaultValue = OadpNames.OADP_NAMESPACE,
            description = "Where OADP runs. Default: ${DEFAULT-VALUE}.")
    String oadpNamespace;

    @Option(names = "--log-file", paramLabel = "FILE", description = "An agent log file to include (repeatable).")
    List<Path> logFiles = new ArrayList<>();

    @Option(names = "--host", paramLabel = "DIR", description = "The node's root as mounted in the agent's pod "
            + "(e.g. /host): ostree status, stateroots and precache through it.")
    Path host;

    @Option(names = "--sysroot", paramLabel = "DIR", description = "An ostree sysroot on this machine instead of "
            + "--host (ostree admin --sysroot=DIR).")
    Path sysroot;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "With --sysroot: where the host adapter keeps its "
            + "job and precache files (default: a 'work' directory beside the sysroot).")
    Path workDir;

    private final PrintWriter out;
    private final PrintWriter err;

    public DiagnoseCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Instant now = ClockPort.system().now();
        Path file = output != null ? output : Path.of("ibu-diagnose-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(now) + ".tar.gz");
        Bundle bundle = new Bundle();
        try {
            HostAccess hostAccess = host == null && sysroot == null ? null : HostAccess.open(host, sysroot, workDir);
            if (hostAccess == null) {
                bundle.note("host (ostree status, stateroots, precache): not collected: give --host=/host in the "
                        + "agent's pod, or --sysroot=DIR");
            } else {
                new HostCollector(bundle).collect(hostAccess);
            }
            new HostCollector(bundle).logs(logFiles);
            if (noCluster) {
                bundle.note("cluster: not collected (--no-cluster)");
            } else {
                try (KubernetesClient client = KubeClient.open(Optional.ofNullable(kubeconfig),
                        KubeClient.Settings.AGENT).getOrElseThrow(message -> new OpsError(message))) {
                    new ClusterCollector(client, bundle).collect(AgentPorts.namespace(Optional.ofNullable(namespace)),
                            oadpNamespace);
                }
            }
        } catch (OpsError e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            bundle.writeTarGz(file, now);
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot write the bundle to --output " + file + ": " + e.getMessage()
                    + "; give --output a writable path");
            err.flush();
            return 1;
        }
        out.println("wrote " + file + " (" + bundle.paths().size() + " files" + (bundle.notes().isEmpty() ? ""
                : "; not collected: " + bundle.notes().size() + ", see summary.txt") + ")");
        bundle.notes().forEach(n -> out.println("  not collected: " + Redactor.text(n)));
        out.flush();
        return 0;
    }
}
