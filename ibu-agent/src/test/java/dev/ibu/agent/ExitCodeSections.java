package dev.ibu.agent;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a command line and every one of its subcommands document their exit codes, 0 and 2 at least. */
public final class ExitCodeSections {
    private static final Pattern SECTION = Pattern.compile("(?s)\\nExit codes:\\n(.*)");

    private ExitCodeSections() {
    }

    /** Every command's qualified name (e.g. "ibu-agent run"), after checking its help; fails naming the command. */
    public static List<String> assertEveryCommandDocumentsExitCodes(CommandLine root) {
        List<String> checked = new ArrayList<>();
        check(root, checked);
        return checked;
    }

    private static void check(CommandLine command, List<String> checked) {
        String name = command.getCommandSpec().qualifiedName();
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        Matcher section = SECTION.matcher(help);
        assertThat(section.find()).as("'%s --help' has an 'Exit codes:' section:%n%s", name, help).isTrue();
        for (String code : List.of("0", "2")) {
            assertThat(section.group(1)).as("'%s --help' says what exit code %s means", name, code)
                    .containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }
        checked.add(name);
        command.getSubcommands().values().forEach(sub -> check(sub, checked));
    }
}
