package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin through the real kubectl: target/ holds kubectl-ibu (the launcher) and kubectl-ibu.jar; with
 * target/ on the PATH, {@code kubectl ibu status} runs it (kubectl's plugin convention). Runs after package
 * (failsafe). When CI=true a missing kubectl fails.
 */
class KubectlPluginE2E {
    private static final Path KUBECTL = Path.of(System.getenv().getOrDefault("KUBECTL", "/usr/bin/kubectl"));
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static LocalCluster cluster;

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        cluster = LocalCluster.withIbuCrd();
        cluster.createIbu("upgrade-restoring.yaml");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void requireKubectlAndThePackagedPlugin() {
        if (!Files.isExecutable(KUBECTL)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kubectl is not installed at " + KUBECTL + " (CI=true: install it, e.g. bash .ci/install-host-tools.sh)");
            }
            assumeTrue(false, "kubectl not installed at " + KUBECTL);
        }
        assertThat(TARGET.resolve("kubectl-ibu")).as("the launcher, written at package time").isExecutable();
        assertThat(TARGET.resolve("kubectl-ibu.jar")).as("the shaded jar").isRegularFile();
    }

    @Test
    void kubectlFindsThePluginOnThePath() throws Exception {
        Result r = kubectl(60, "plugin", "list");
        assertThat(r.out()).contains(TARGET.resolve("kubectl-ibu").toString());
    }

    @Test
    void kubectlIbuStatusShowsTheTimelineAndTheRebootTime() throws Exception {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.VIEWER).toString();
        Result r = kubectl(120, "ibu", "status", "--kubeconfig", kubeconfig);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("ImageBasedUpgrade upgrade   stage Upgrade   seed quay.io/example/seed:4.15.2 (4.15.2)\n")
                .contains("  Reboot     2024-01-01T09:35:12Z  2024-01-01T09:41:47Z  6m35s\n")
                .contains("Reboot time  6m35s (PostPivot start - PrePivot completion)\n")
                .contains("Condition    UpgradeInProgress=True  reason InProgress\n")
                .contains("Next stages  Rollback\n")
                .doesNotContain("\u001b[");
    }

    @Test
    void kubectlIbuStatusFailsWithTheCauseAndTheFix() throws Exception {
        Result r = kubectl(120, "ibu", "status", "--kubeconfig",
                cluster.kubeconfig(dir, LocalCluster.NOBODY).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: forbidden: ").contains("ask a cluster admin");
    }

    @Test
    void kubectlIbuStatusWatchFollowsAChange() throws Exception {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.VIEWER).toString();
        int before = cluster.server.openWatches();
        Process p = start("ibu", "status", "-w", "-o", "json", "--max-updates", "2", "--kubeconfig", kubeconfig);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.server.openWatches() <= before && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cluster.server.openWatches()).as("the plugin's watch is open").isGreaterThan(before);
        cluster.setConditionMessage("UpgradeInProgress", "Failed restore CRs: apps/restore-a");
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after two views").isTrue();
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("err.txt"))).isZero();
            List<String> lines = out.lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"state\":\"in progress\"");
            assertThat(lines.get(1)).contains("\"state\":\"failed\"").contains("\"failed\":[\"apps/restore-a\"]");
        } finally {
            p.destroy();
            cluster.setConditionMessage("UpgradeInProgress", "Restore of Application Data is in progress");
        }
    }

    private Result kubectl(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process p = start(args);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish in " + timeoutSeconds + "s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("KUBECONFIG");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("PATH", TARGET + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    static {
        // the launcher is a POSIX sh script: make sure the checked-in source is one
        try {
            String launcher = Files.readString(Path.of("src/main/sh/kubectl-ibu"), StandardCharsets.UTF_8);
            if (!launcher.startsWith("#!/bin/sh\n")) {
                throw new IllegalStateException("src/main/sh/kubectl-ibu must start with #!/bin/sh");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
