package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.Invocation;
import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.time.Duration;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * skopeo, for reading labels without pulling, copying images and checking presence. Registries named
 * in {@code plainHttpRegistries} (host:port) are spoken to without TLS, as a local test registry needs.
 */
public final class SkopeoClient {

    private final ProcessRunner runner;
    private final HostLayout layout;
    private final Set<String> plainHttpRegistries;
    private final int retryTimes;
    private final Map<String, String> env;
    private final Duration timeout;

    public SkopeoClient(ProcessRunner runner, HostLayout layout, Set<String> plainHttpRegistries, int retryTimes) {
        this(runner, layout, plainHttpRegistries, retryTimes, Map.of(), runner.defaultTimeout());
    }

    private SkopeoClient(ProcessRunner runner, HostLayout layout, Set<String> plainHttpRegistries, int retryTimes,
                         Map<String, String> env, Duration timeout) {
        this.runner = runner;
        this.layout = layout;
        this.plainHttpRegistries = Set.copyOf(plainHttpRegistries);
        this.retryTimes = retryTimes;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /** The same client with extra environment (e.g. CONTAINERS_STORAGE_CONF) and a per-command timeout. */
    public SkopeoClient with(Map<String, String> extraEnv, Duration perCommandTimeout, int retries) {
        return new SkopeoClient(runner, layout, plainHttpRegistries, retries, extraEnv, perCommandTimeout);
    }

    private ProcessResult exec(List<String> argv) {
        return runner.run(new Invocation(argv, timeout, env, Optional.empty())).orThrow();
    }

    /** {@code skopeo inspect --raw REF} on any transport; false when it fails (absent image). */
    public boolean exists(String transportRef) {
        return runner.run(new Invocation(List.of("skopeo", "inspect", "--raw", transportRef), timeout, env,
            Optional.empty())).succeeded();
    }

    /** {@code skopeo delete REF} on any transport. */
    public void delete(String transportRef) {
        exec(List.of("skopeo", "delete", transportRef));
    }

    /** {@code skopeo inspect docker://ref}: the image's labels and digest, as JSON. */
    public JsonNode inspect(String ref, Optional<Path> authFile) {
        return inspect(ref, authFile, Optional.empty());
    }

    /**
     * {@code skopeo [--override-arch A] inspect docker://ref}: the labels, digest and {@code Architecture} of the image,
     * or for a manifest list of its entry for {@code architecture} (default: skopeo's own).
     */
    public JsonNode inspect(String ref, Optional<Path> authFile, Optional<String> architecture) {
        List<String> argv = new ArrayList<>(List.of("skopeo"));
        architecture.ifPresent(a -> argv.addAll(List.of("--override-arch", a)));
        argv.addAll(List.of("inspect", "--retry-times", Integer.toString(retryTimes)));
        addAuthAndTls(argv, ref, authFile);
        argv.add("docker://" + ref);
        return Json.MAPPER.readTree(exec(argv).stdout());
    }

    /** {@code skopeo inspect --raw docker://ref}: the manifest as the registry serves it (maybe a manifest list). */
    public String rawManifest(String ref, Optional<Path> authFile) {
        List<String> argv = new ArrayList<>(List.of("skopeo", "inspect", "--raw", "--retry-times",
            Integer.toString(retryTimes)));
        addAuthAndTls(argv, ref, authFile);
        argv.add("docker://" + ref);
        return exec(argv).stdout();
    }

    private void addAuthAndTls(List<String> argv, String ref, Optional<Path> authFile) {
        authFile.ifPresent(f -> argv.addAll(List.of("--authfile", layout.commandPath(f))));
        if (plainHttp(ref)) {
            argv.add("--tls-verify=false");
        }
    }

    /** {@code skopeo copy SRC DST}; refs are full transport refs (docker://, dir:, oci:, containers-storage:). */
    public void copy(String src, String dst, Optional<Path> authFile) {
        List<String> argv = new ArrayList<>(List.of("skopeo", "copy", "-q", "--retry-times", Integer.toString(retryTimes)));
        authFile.ifPresent(f -> argv.addAll(List.of("--authfile", layout.commandPath(f))));
        if (src.startsWith("docker://") && plainHttp(src.substring(9))) {
            argv.add("--src-tls-verify=false");
        }
        if (dst.startsWith("docker://") && plainHttp(dst.substring(9))) {
            argv.add("--dest-tls-verify=false");
        }
        argv.add(src);
        argv.add(dst);
        exec(argv);
    }

    /** {@code skopeo copy --all SRC DST}: a manifest list with every image it lists. */
    public void copyAll(String src, String dst, Optional<Path> authFile) {
        List<String> argv = new ArrayList<>(List.of("skopeo", "copy", "-q", "--all", "--retry-times",
            Integer.toString(retryTimes)));
        authFile.ifPresent(f -> argv.addAll(List.of("--authfile", layout.commandPath(f))));
        if (dst.startsWith("docker://") && plainHttp(dst.substring(9))) {
            argv.add("--dest-tls-verify=false");
        }
        if (src.startsWith("docker://") && plainHttp(src.substring(9))) {
            argv.add("--src-tls-verify=false");
        }
        argv.add(src);
        argv.add(dst);
        exec(argv);
    }

    /** Pulls {@code ref} into a {@code dir:} layout (manifest.json plus blobs named by digest). */
    public void pullToDir(String ref, Path dir, Optional<Path> authFile) {
        copy("docker://" + ref, "dir:" + layout.commandPath(dir), authFile);
    }

    boolean plainHttp(String ref) {
        int slash = ref.indexOf('/');
        return slash > 0 && plainHttpRegistries.contains(ref.substring(0, slash));
    }
}
