package dev.ibu.rehearsal.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real kubectl against the embedded API server (skipped where kubectl is not installed): the seed document's
 * commands work, and {@code kubectl get ibu} shows the CRD's columns.
 */
class KubectlIT {
    @TempDir
    static Path dir;
    private static EmbeddedApiServer api;
    private static Path kubeconfig;

    @BeforeAll
    static void start() {
        // kubectl is on every machine of this project: a missing one is a failure, never a silent skip in CI
        if (!onPath("kubectl")) {
            throw new AssertionError("kubectl is not on the PATH; install it (it is on every machine of this project)");
        }
        api = EmbeddedApiServer.start(0, false);
        kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
        api.client().resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("lca.openshift.io/v1").withKind("ImageBasedUpgrade")
                .withNewMetadata().withName("upgrade").endMetadata()
                .addToAdditionalProperties("spec", java.util.Map.of("stage", "Idle")).build()).create();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void get_ibu_prints_the_printer_columns() throws Exception {
        String out = kubectl("get", "ibu");

        assertThat(out.lines().findFirst().orElse("")).containsSubsequence("NAME", "AGE", "DESIRED STAGE", "STATE",
                "DETAILS");
        assertThat(out).contains("upgrade");  // the other test may have patched the stage already
    }

    @Test
    void the_seed_documents_patch_and_annotate_work() throws Exception {
        kubectl("patch", "imagebasedupgrades.lca.openshift.io", "upgrade", "-p={\"spec\": {\"stage\": \"Prep\"}}",
                "--type=merge", "-n", "openshift-lifecycle-agent");
        kubectl("annotate", "ibu", "upgrade", "lca.openshift.io/manual-cleanup-done=");

        String yaml = kubectl("get", "ibu", "upgrade", "-o", "yaml");
        assertThat(yaml).contains("stage: Prep").contains("lca.openshift.io/manual-cleanup-done: \"\"");
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + dir.resolve("cache")));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl hung: " + argv);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", argv) + "\n" + out).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
