package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kubectl ibu status against the strict embedded API server (https, RBAC, CRD admission, HTTP watch). */
class StatusAgainstApiServerIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T09:45:00Z"), ZoneOffset.UTC);
    private static LocalCluster cluster;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
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

    static Run run(String... args) {
        return runIn(Map.of("HOME", "/nonexistent"), false, args);
    }

    static Run runIn(Map<String, String> env, boolean tty, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Main.Environment(env, CLOCK, tty));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void coloursOnlyOnATerminalAndNeverWhenRefused() {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.VIEWER).toString();
        assertThat(runIn(Map.of(), true, "status", "--kubeconfig", kubeconfig).out()).contains("\u001b[");
        assertThat(runIn(Map.of(), true, "status", "--no-color", "--kubeconfig", kubeconfig).out())
                .doesNotContain("\u001b[");
        assertThat(runIn(Map.of("NO_COLOR", "1"), true, "status", "--kubeconfig", kubeconfig).out())
                .doesNotContain("\u001b[");
        assertThat(runIn(Map.of(), false, "status", "--kubeconfig", kubeconfig).out()).doesNotContain("\u001b[");
    }

    @Test
    void theKubeconfigEnvironmentVariableIsHonoured() {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.VIEWER).toString();
        Run r = runIn(Map.of("KUBECONFIG", dir.resolve("missing") + ":" + kubeconfig), false, "status");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Reboot time  6m35s");
    }

    @Test
    void aViewerWithGetListWatchSeesTheSameViewAsFromTheDocument() {
        Run r = run("status", "--kubeconfig", cluster.kubeconfig(dir, LocalCluster.VIEWER).toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(TextRenderer.render(
                StatusView.of(Docs.ibu("upgrade-restoring.yaml"), CLOCK.instant()), Style.PLAIN));
        assertThat(r.out()).contains("  Reboot     2024-01-01T09:35:12Z  2024-01-01T09:41:47Z  6m35s\n");
    }

    @Test
    void jsonForScripts() {
        Run r = run("status", "-o", "json", "--kubeconfig", cluster.kubeconfig(dir, LocalCluster.VIEWER).toString(),
                "--context", "ibu-local");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"rebootSeconds\" : 395").contains("\"rollbackSecondsLeft\" : 1800");
    }

    @Test
    void forbiddenNamesTheVerbsAndTheResource() {
        Run r = run("status", "--kubeconfig", cluster.kubeconfig(dir, LocalCluster.NOBODY).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: forbidden: ")
                .contains("\"nobody\"")
                .contains("kubectl ibu needs get on imagebasedupgrades.lca.openshift.io (cluster-scoped)");
    }

    @Test
    @Timeout(120)
    void watchingNeedsListAndWatch() {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.GETTER).toString();
        assertThat(run("status", "--kubeconfig", kubeconfig).exit()).isZero();
        Run r = run("status", "-w", "--max-updates", "2", "--kubeconfig", kubeconfig);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: forbidden: ")
                .contains("you may not list imagebasedupgrades.lca.openshift.io")
                .contains("needs list and watch on imagebasedupgrades.lca.openshift.io");
    }

    @Test
    void anotherNameIsNotFound() {
        Run r = run("status", "--name", "other", "--kubeconfig",
                cluster.kubeconfig(dir, LocalCluster.VIEWER).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: no ImageBasedUpgrade named \"other\" on " + cluster.server.url())
                .contains("--context");
    }

    @Test
    void aClusterWithoutTheLifecycleAgentSaysSo() {
        try (LocalCluster bare = LocalCluster.withoutIbuCrd()) {
            Run r = run("status", "--kubeconfig", bare.kubeconfig(dir, dev.ibu.apiserver.Identity.admin()).toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("does not serve imagebasedupgrades.lca.openshift.io")
                    .contains("Lifecycle Agent is not installed");
        }
    }

    @Test
    void kubeconfigAndContextMistakesNameTheFix() {
        Run missing = run("status", "--kubeconfig", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("--kubeconfig " + dir.resolve("nope") + " does not exist");
        Run none = run("status");
        assertThat(none.err()).contains("no kubeconfig: /nonexistent/.kube/config does not exist and KUBECONFIG "
                + "is not set");
        Run context = run("status", "--context", "prod", "--kubeconfig",
                cluster.kubeconfig(dir, LocalCluster.VIEWER).toString());
        assertThat(context.err()).contains("context \"prod\" is not in").contains("(it has: ibu-local)");
        Run format = run("status", "-o", "yaml", "--kubeconfig", cluster.kubeconfig(dir, LocalCluster.VIEWER).toString());
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("-o yaml is not a format: use -o text or -o json");
    }

    @Test
    @Timeout(120)
    void watchRedrawsWhenTheStatusChanges() throws Exception {
        String kubeconfig = cluster.kubeconfig(dir, LocalCluster.VIEWER).toString();
        int watchesBefore = cluster.server.openWatches();
        CompletableFuture<Run> watching = CompletableFuture.supplyAsync(() ->
                run("status", "-w", "--max-updates", "2", "--kubeconfig", kubeconfig));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cluster.server.openWatches() <= watchesBefore && !watching.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cluster.server.openWatches()).as("the plugin's watch is open").isGreaterThan(watchesBefore);
        setUpgradeMessage("Restore of Application Data is in progress: wave 2/3");
        try {
            Run r = watching.get(60, TimeUnit.SECONDS);
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isZero();
            List<String> views = List.of(r.out().split("(?m)^--- "));
            assertThat(views).hasSize(3); // "" before the first separator, then two views
            assertThat(views.get(1)).contains("Restore      in progress\n").doesNotContain("wave");
            assertThat(views.get(2)).contains("Restore      in progress, wave 2/3\n")
                    .contains("Message      Restore of Application Data is in progress: wave 2/3\n");
        } finally {
            setUpgradeMessage("Restore of Application Data is in progress");
        }
    }

    private static void setUpgradeMessage(String message) {
        cluster.setConditionMessage("UpgradeInProgress", message);
    }
}
