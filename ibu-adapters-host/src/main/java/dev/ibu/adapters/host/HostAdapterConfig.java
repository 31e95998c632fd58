package dev.ibu.adapters.host;

import dev.ibu.adapters.host.support.HostLayout;

import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.adapters.host.process.CommandPrefix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the host adapters need to know about the node they drive.
 *
 * @param layout              where the sysroot, the host root and workspaces are
 * @param hostPrefix          how host commands run (chroot /host, nsenter, none)
 * @param commandTimeout      default per-command timeout (ostree deploy of a big commit takes minutes)
 * @param plainHttpRegistries registries (host:port) spoken to without TLS
 * @param skopeoEnv           extra environment for skopeo (e.g. CONTAINERS_STORAGE_CONF)
 * @param rebootArgv          reboot command; empty: upstream's systemd-run ... systemctl reboot
 * @param rebootWait          how long to wait to be killed after asking for the reboot (upstream 60 min)
 * @param precache            precache tunables
 * @param storageGraphRoot    the container storage's graph root as this JVM sees it
 * @param storageDriver       its driver (overlay on a node)
 * @param kubeletAuthFile     the node's pull secret file, used when no pull secret is given
 * @param limits              caps on what a seed may unpack to
 */
public record HostAdapterConfig(HostLayout layout, CommandPrefix hostPrefix, Duration commandTimeout,
                                Set<String> plainHttpRegistries, Map<String, String> skopeoEnv, List<String> rebootArgv,
                                Duration rebootWait, PrecacheSettings precache, Path storageGraphRoot, String storageDriver,
                                Optional<Path> kubeletAuthFile, ExtractionLimits limits) {

    public HostAdapterConfig {
        plainHttpRegistries = Set.copyOf(plainHttpRegistries);
        skopeoEnv = Map.copyOf(skopeoEnv);
        rebootArgv = List.copyOf(rebootArgv);
    }

    /** A node seen from a privileged pod with the host's "/" at {@code hostRoot}, commands chrooted there. */
    public static HostAdapterConfig onNode(Path hostRoot) {
        return new HostAdapterConfig(HostLayout.inPod(hostRoot), CommandPrefix.chroot(hostRoot.toString()),
            Duration.ofMinutes(30), Set.of(), Map.of(), List.of(), Duration.ofMinutes(60),
            PrecacheSettings.defaults(hostRoot), hostRoot.resolve("var/lib/containers/storage"), "overlay",
            Optional.of(hostRoot.resolve("var/lib/kubelet/config.json")), ExtractionLimits.SEED_DEFAULT);
    }

    /**
     * A sysroot driven with {@code --sysroot} and commands run directly (tests, the agent's local mode):
     * images go to a containers-storage under {@code workRoot/containers} (vfs driver).
     */
    public static HostAdapterConfig local(Path sysroot, Path workRoot, Set<String> plainHttpRegistries) {
        Path storage = workRoot.resolve("containers");
        return new HostAdapterConfig(HostLayout.forSysroot(sysroot, workRoot), CommandPrefix.none(), Duration.ofMinutes(30),
            plainHttpRegistries, Map.of("CONTAINERS_STORAGE_CONF", storage.resolve("storage.conf").toString()), List.of(),
            Duration.ZERO, PrecacheSettings.defaults(workRoot).withStatusFile(workRoot.resolve("precache_status.json")),
            storage.resolve("graph"), "vfs", Optional.empty(), ExtractionLimits.SEED_DEFAULT);
    }
}
