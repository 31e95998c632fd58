package dev.ibu.agent.hostcmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

class InitMonitorCommandTest {
    @TempDir
    Path host;

    private int run(StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void needs_exactly_one_mode() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "init-monitor", "--host-root", host.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--monitor").contains("--exec-stop-post");
        StringWriter both = new StringWriter();
        assertThat(run(both, "init-monitor", "--monitor", "--exec-stop-post", "config")).isEqualTo(2);
        assertThat(both.toString()).contains("mutually exclusive");
    }

    @Test
    void names_a_missing_host_root() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "init-monitor", "--monitor", "--host-root", host.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--host-root").contains("is not a directory");
    }

    @Test
    void a_directory_that_is_no_host_gives_one_clear_line() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "init-monitor", "--monitor", "--host-root", host.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: init-monitor could not read the host under --host-root "
                + host);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
