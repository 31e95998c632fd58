package dev.ibu.adapters.host.reboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.process.CommandPrefix;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.out.PortFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host commands recorded by a shell stand-in for systemd (this machine has none); the unit file is real. */
class RebootAdapterTest {

    @TempDir
    Path tmp;

    /** Records each argv in a log; "is-active" answers yes, "is-enabled" answers no. */
    private ProcessRunner recorder(Path log) {
        String script = "echo \"$*\" >> '" + log + "'; case \"$*\" in *is-active*) exit 0;; *is-enabled*) exit 1;; esac; exit 0";
        return new ProcessRunner(CommandPrefix.fixed(List.of("sh", "-c", script, "sh")), Duration.ofSeconds(10));
    }

    private HostLayout layout() {
        return new HostLayout(tmp, tmp.resolve("sysroot"), Optional.of(tmp.resolve("sysroot").toString()), tmp.resolve("work"),
            false);
    }

    @Test
    void reboot_runs_upstreams_command_without_its_literal_quotes() throws Exception {
        Path log = tmp.resolve("log");
        RebootAdapter a = new RebootAdapter(RebootCommand.systemd(recorder(log)), Duration.ZERO, recorder(log), layout());
        assertThat(a.reboot("upgrade").isRight()).isTrue();
        assertThat(Files.readAllLines(log)).containsExactly(
            "systemd-run --unit lifecycle-agent-reboot --description lifecycle-agent: upgrade systemctl --message=Image Based Upgrade reboot");
    }

    @Test
    void waking_up_after_the_reboot_is_a_terminal_failure() {
        RebootAdapter a = new RebootAdapter(r -> { }, Duration.ofMillis(20), ProcessRunner.local(), layout());
        PortFailure f = a.reboot("rollback").getLeft();
        assertThat(f).isInstanceOf(PortFailure.Terminal.class);
        assertThat(f.message()).isEqualTo("failed to reboot. This should never happen! Please check the system");
        RebootAdapter broken = new RebootAdapter(r -> {
            throw new IllegalStateException("systemd-run: not found");
        }, Duration.ZERO, ProcessRunner.local(), layout());
        assertThat(broken.reboot("upgrade").getLeft().message()).isEqualTo("failed to reboot for upgrade: systemd-run: not found");
    }

    @Test
    void disable_init_monitor_stops_disables_removes_and_reloads() throws Exception {
        Path log = tmp.resolve("log");
        Path unit = Files.createDirectories(tmp.resolve("etc/systemd/system")).resolve("lca-init-monitor.service");
        Files.writeString(unit, "[Unit]\n");
        RebootAdapter a = new RebootAdapter(r -> { }, Duration.ZERO, recorder(log), layout());
        assertThat(a.disableInitMonitor().isRight()).isTrue();
        assertThat(Files.readAllLines(log)).containsExactly("systemctl is-active lca-init-monitor.service",
            "systemctl stop lca-init-monitor.service", "systemctl is-enabled lca-init-monitor.service", "systemctl daemon-reload");
        assertThat(unit).doesNotExist();
    }

    @Test
    void disable_init_monitor_reports_every_error_with_the_manual_fix() {
        ProcessRunner failing = new ProcessRunner(CommandPrefix.fixed(List.of("sh", "-c", "echo boom >&2; exit 3", "sh")),
            Duration.ofSeconds(10));
        PortFailure f = new RebootAdapter(r -> { }, Duration.ZERO, failing, layout()).disableInitMonitor().getLeft();
        assertThat(f.message()).contains("systemctl daemon-reload exited 3: boom")
            .endsWith("stop it by hand with: systemctl disable --now lca-init-monitor.service");
    }
}
