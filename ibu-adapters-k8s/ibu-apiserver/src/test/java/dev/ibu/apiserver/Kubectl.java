package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl against a server, as one identity, with its own discovery cache. Missing kubectl fails when CI=true. */
public final class Kubectl {
    private static final Path BINARY = Path.of(System.getenv().getOrDefault("KUBECTL", "/usr/bin/kubectl"));
    private final Path kubeconfig;
    private final Path cache;

    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Kubectl(ApiServer server, Identity identity, Path dir) {
        requireKubectl();
        this.kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig-" + Math.abs(identity.user().hashCode())), identity);
        this.cache = dir.resolve("cache");
    }

    public static void requireKubectl() {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kubectl is not installed at " + BINARY + " (CI=true: install it, e.g. bash .ci/install-host-tools.sh)");
            }
            assumeTrue(false, "kubectl not installed at " + BINARY);
        }
    }

    public Result run(String... args) {
        return run(null, 60, args);
    }

    public Result runWithInput(String stdin, String... args) {
        return run(stdin, 60, args);
    }

    /** Runs kubectl, killing it after the timeout (for watches); what it printed until then is returned. */
    public Result run(String stdin, long timeoutSeconds, String... args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString(), "--cache-dir", cache.toString()));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(cache.getParent(), "out", ".txt");
            Path err = Files.createTempFile(cache.getParent(), "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("KUBECONFIG");
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            p.waitFor();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
