package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.NodeArchitecture;
import java.util.function.Supplier;

/**
 * What precache asks of the node besides its image store: which images the container runtimes use or pin (the
 * cleanup keeps them), the container storage's usage, and the CPU architecture (images of a manifest list without
 * an entry for it are skipped).
 *
 * @param runtimeImages    images in use or pinned, from the runtimes
 * @param disk             usage of the storage's file system
 * @param architecture     the node's GOARCH name
 */
public record NodeRuntime(RuntimeImages runtimeImages, DiskUsage disk, Supplier<String> architecture) {

    /** The node behind {@code hostRunner}: crictl and podman, statfs, {@code uname -m}, all run on the host. */
    public static NodeRuntime onHost(ProcessRunner hostRunner) {
        return new NodeRuntime(new CriRuntimeImages(hostRunner), DiskUsage.statfs(),
            NodeArchitecture.fromHost(hostRunner));
    }
}
