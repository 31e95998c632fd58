package dev.ibu.agent.ops;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class OpsHelpTest {
    private static String help(Object command) {
        StringWriter text = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(text, true));
        assertThat(cl.execute("--help")).isZero();
        return text.toString();
    }

    @Test
    void help_documents_the_exit_codes_and_the_options() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        assertThat(help(new DiagnoseCommand(sink, sink))).contains("Exit codes:", "--output", "--log-file",
                "--sysroot", "--host", "redacted");
        assertThat(help(new CleanupCommand(sink, sink))).contains("Exit codes:", "--stateroot", "--oadp",
                "--no-annotate", "lca.openshift.io/manual-cleanup-done", "booted");
    }
}
