package dev.ibu.agent.ops;

import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.agent.StrictCluster;
import dev.ibu.domain.Annotations;
import dev.ibu.domain.ImageBasedUpgrade;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** cleanup with the real adapters: a temp ostree sysroot through the host adapter, the embedded API server. */
class CleanupCommandIT {
    @TempDir
    Path dir;

    /** Skips without ostree, except in CI (CI=true), where a missing tool fails. */
    private static void requireOstree() {
        if (!TempSysroot.ostreeAvailable() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("ostree is not installed but CI=true: run .ci/install-host-tools.sh");
        }
        Assumptions.assumeTrue(TempSysroot.ostreeAvailable(), "ostree is not installed");
    }

    @Test
    void undeploys_and_removes_the_stateroot_and_annotates_the_ibu() throws Exception {
        requireOstree();
        TempSysroot sysroot = new TempSysroot(dir.resolve("host"));
        try (StrictCluster api = StrictCluster.start(getClass())) {
            sysroot.deploy("rhcos_4.15.2");
            sysroot.deploy("rhcos_4.14.0"); // deployed last: the default, which cleanup never removes
            IbuResourceAdapter resource = new IbuResourceAdapter(api.admin());
            resource.create(ImageBasedUpgrade.fresh()).get();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = new CommandLine(new CleanupCommand(new PrintWriter(out, true), new PrintWriter(err, true)))
                    .execute("--kubeconfig=" + api.adminKubeconfig(dir.resolve("kubeconfig")),
                            "--sysroot=" + sysroot.path(), "--stateroot=rhcos_4.15.2", "--oadp");

            assertThat(code).as(err.toString()).isZero();
            assertThat(sysroot.path().resolve("ostree/deploy/rhcos_4.15.2")).doesNotExist();
            assertThat(sysroot.path().resolve("ostree/deploy/rhcos_4.14.0")).isDirectory();
            String status = dev.ibu.adapters.host.process.ProcessRunner.local()
                    .runOk("ostree", "admin", "status", "--sysroot=" + sysroot.path()).stdout();
            assertThat(status).contains("rhcos_4.14.0").doesNotContain("rhcos_4.15.2");
            assertThat(resource.read().get().get().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE))
                    .isTrue();
        } finally {
            sysroot.makeDeletable();
        }
    }

    @Test
    void after_a_killed_run_nothing_booted_the_default_and_only_deployment_is_refused_and_kept() throws Exception {
        requireOstree();
        TempSysroot sysroot = new TempSysroot(dir.resolve("host"));
        try {
            sysroot.deploy("rhcos_4.15.2");
            StringWriter err = new StringWriter();

            int code = new CommandLine(new CleanupCommand(new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true))).execute("--sysroot=" + sysroot.path(), "--stateroot=rhcos_4.15.2",
                    "--no-annotate");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("--stateroot rhcos_4.15.2 holds the default deployment (index 0)");
            assertThat(sysroot.path().resolve("ostree/deploy/rhcos_4.15.2/deploy")).isDirectory();
            String status = dev.ibu.adapters.host.process.ProcessRunner.local()
                    .runOk("ostree", "admin", "status", "--sysroot=" + sysroot.path()).stdout();
            assertThat(status).contains("rhcos_4.15.2");
        } finally {
            sysroot.makeDeletable();
        }
    }

    @Test
    void a_path_that_is_not_a_sysroot_is_exit_code_2_naming_the_option() throws Exception {
        StringWriter err = new StringWriter();
        Files.createDirectories(dir.resolve("empty"));

        int code = new CommandLine(new CleanupCommand(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true))).execute("--sysroot=" + dir.resolve("empty"), "--stateroot=x",
                "--no-annotate");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--sysroot=" + dir.resolve("empty") + " is not an ostree sysroot");
    }
}
