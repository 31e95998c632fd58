package dev.ibu.rehearsal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ibu-agent local --host=ostree} end to end: a real ostree sysroot (fake-booted), a loopback registry and the
 * real host adapters under the engine. Skips without the tools, but fails in CI ({@code CI=true}).
 */
class LocalOstreeHostIT {
    private static final Pattern SYSROOT = Pattern.compile("real host: ostree sysroot (\\S+) ");

    private static void requireTools() {
        List<String> missing = OstreeHost.missingTools();
        if (missing.isEmpty()) {
            return;
        }
        String msg = "host tools missing: " + String.join(", ", missing) + "; run bash .ci/install-host-tools.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg);
        }
        assumeTrue(false, msg);
    }

    @Test
    void upgrade_finalizes_the_original_stateroot_away() {
        requireTools();
        LocalOutput run = LocalOutput.run("local", "--host=ostree");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, Object> idle = run.lastCr();
        assertThat(LocalOutput.conditions(idle)).containsExactly("Idle/True/Idle/Idle");
        assertThat(LocalOutput.status(idle, "validNextStages")).isEqualTo(List.of("Prep"));
        assertThat(run.out())
                .contains("Successfully launched a new job for stateroot setup")
                .contains("--- reboot: the node boots stateroot rhcos_4.15.2")
                .contains("Successfully launched a new job precache")
                .contains("UpgradeCompleted/Completed: Upgrade completed")
                .contains("== Idle: the IBU is ready for the next upgrade")
                .contains("== the real sysroot now: deployments [rhcos_4.15.2], booted rhcos_4.15.2, "
                        + "stateroot directories [rhcos_4.15.2]\n");
        assertThat(sysroot(run)).as("deleted at the end").doesNotExist();
    }

    @Test
    void rollback_removes_the_new_stateroot() {
        requireTools();
        LocalOutput run = LocalOutput.run("local", "--host=ostree", "--rollback", "--no-yaml");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("--- reboot: the node boots stateroot rhcos_4.14.0")
                .contains("RollbackCompleted/Completed: Rollback completed")
                .contains("== the real sysroot now: deployments [rhcos_4.14.0], booted rhcos_4.14.0, "
                        + "stateroot directories [rhcos_4.14.0]\n");
        assertThat(sysroot(run)).doesNotExist();
    }

    @Test
    void an_unknown_host_is_a_usage_error() {
        LocalOutput run = LocalOutput.run("local", "--host=vm");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--host=vm is not a host: use --host=sim (in-memory) or --host=ostree "
                + "(real sysroot)\n");
    }

    @Test
    void a_host_failure_is_only_simulated_on_the_simulated_host() {
        LocalOutput run = LocalOutput.run("local", "--host=ostree", "--fail=stateroot");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--fail=stateroot fails the in-memory host: use it with --host=sim");
    }

    private static Path sysroot(LocalOutput run) {
        Matcher m = SYSROOT.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return Path.of(m.group(1));
    }
}
