package dev.ibu.rehearsal;

import dev.ibu.agent.ExitCodeSections;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RehearsalHelpExitCodesTest {
    @Test
    void every_command_of_the_rehearsal_documents_its_exit_codes() {
        PrintWriter sink = new PrintWriter(new StringWriter());

        assertThat(ExitCodeSections.assertEveryCommandDocumentsExitCodes(RehearsalMain.commandLine(sink, sink)))
                .contains("ibu-rehearsal", "ibu-rehearsal help", "ibu-rehearsal local", "ibu-rehearsal explain",
                        "ibu-rehearsal version");
    }
}
