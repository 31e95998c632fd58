package dev.ibu.agent;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class HelpExitCodesTest {
    @Test
    void every_command_of_the_agent_documents_its_exit_codes() {
        PrintWriter sink = new PrintWriter(new StringWriter());

        assertThat(ExitCodeSections.assertEveryCommandDocumentsExitCodes(Main.commandLine(sink, sink)))
                .contains("ibu-agent", "ibu-agent help", "ibu-agent run", "ibu-agent cleanup", "ibu-agent diagnose",
                        "ibu-agent post-pivot", "ibu-agent init-monitor", "ibu-agent explain", "ibu-agent crd",
                        "ibu-agent version");
    }

    @Test
    void host_root_has_one_meaning_in_every_command_that_reaches_the_host() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        var cl = Main.commandLine(sink, sink);
        for (String command : new String[] {"run", "cleanup", "diagnose", "post-pivot", "init-monitor"}) {
            var option = cl.getSubcommands().get(command).getCommandSpec().findOption(HostRoot.NAME);
            assertThat(option).as("%s has %s", command, HostRoot.NAME).isNotNull();
            assertThat(option.names()).as(command).containsExactlyInAnyOrder(HostRoot.NAME, HostRoot.ALIAS);
            assertThat(String.join(" ", option.description())).as(command).startsWith(HostRoot.MEANING);
        }
    }
}
