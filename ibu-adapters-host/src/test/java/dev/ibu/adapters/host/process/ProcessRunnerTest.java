package dev.ibu.adapters.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private final ProcessRunner runner = ProcessRunner.local();

    @Test
    void argv_is_not_interpreted_by_a_shell() {
        ProcessResult r = runner.runOk("echo", "$HOME; rm -rf /", "`id`");
        assertThat(r.stdout()).isEqualTo("$HOME; rm -rf / `id`\n");
    }

    @Test
    void captures_both_streams_and_the_exit_code_into_the_error() {
        ProcessResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThatThrownBy(r::orThrow).isInstanceOf(HostCommandException.class)
            .hasMessage("command `sh -c echo out; echo err >&2; exit 3` exited with 3; stderr: err; stdout: out");
    }

    @Test
    void a_command_over_its_timeout_is_killed_with_its_children() {
        Invocation inv = Invocation.of(Duration.ofMillis(300), List.of("sh", "-c", "sleep 30 & echo started; wait"));
        assertThatThrownBy(() -> runner.run(inv)).isInstanceOf(HostCommandException.class)
            .hasMessageContaining("timed out after 300 ms and was killed").hasMessageContaining("stdout: started");
    }

    @Test
    void a_missing_tool_says_so() {
        assertThatThrownBy(() -> runner.runOk("no-such-tool-ibu")).isInstanceOf(HostCommandException.class)
            .hasMessageContaining("could not start (is the tool installed?)");
    }

    @Test
    void prefixes_wrap_argv_like_upstream_executors() {
        assertThat(CommandPrefix.chroot("/host").wrap(List.of("ostree", "admin", "status")))
            .containsExactly("chroot", "/host", "/usr/bin/env", "--", "ostree", "admin", "status");
        assertThat(CommandPrefix.nsenter().wrap(List.of("podman", "image", "mount", "x")))
            .containsExactly("nsenter", "--target", "1", "--cgroup", "--mount", "--ipc", "--net", "--pid", "--",
                "podman", "image", "mount", "x");
        ProcessResult r = runner.withPrefix(CommandPrefix.fixed(List.of("env", "IBU_TEST=1"))).runOk("sh", "-c", "echo $IBU_TEST");
        assertThat(r.stdout()).isEqualTo("1\n");
    }

    @Test
    void extra_environment_reaches_the_command() {
        ProcessResult r = runner.run(new Invocation(List.of("sh", "-c", "echo $A"), Duration.ofSeconds(5), Map.of("A", "b"),
            Optional.empty()));
        assertThat(r.stdout()).isEqualTo("b\n");
    }
}
