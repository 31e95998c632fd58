package dev.ibu.agent.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

class HubCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void hub_is_a_command_of_the_agent_with_its_exit_codes() {
        assertThat(run("hub", "--help")).isZero();
        assertThat(out.toString()).contains("ImageBasedGroupUpgrades", "Exit codes:", "--resync");
    }

    @Test
    void bad_options_do_not_start_it() {
        assertThat(run("hub", "--resync=0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--resync");
    }

    @Test
    void an_unreadable_kubeconfig_is_named(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("kubeconfig"), "this: [is not a kubeconfig");
        assertThat(run("hub", "--kubeconfig", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("hub:");
    }
}
