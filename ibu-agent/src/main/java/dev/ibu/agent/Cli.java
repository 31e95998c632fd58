package dev.ibu.agent;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What every command line of ours does the same way: streams, subcommands, and the answer to no command at all. */
public final class Cli {
    private Cli() {
    }

    /** The process's standard streams, UTF-8, auto-flushed; for a {@code main}. */
    public static PrintWriter stdout() {
        return new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    }

    public static PrintWriter stderr() {
        return new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    }

    /** {@code root} with {@code commands} as its subcommands, writing to these streams (tests read its help). */
    public static CommandLine commandLine(Object root, List<Object> commands, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        commands.forEach(c -> cl.addSubcommand(new CommandLine(c)));
        CommandLine help = cl.getSubcommands().get("help");
        if (help != null) {  // picocli's own help command: its exit codes, like every other command's
            help.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(
                    new java.util.TreeMap<>(java.util.Map.of("0", "the help was shown",
                            "2", "an unknown command was named")));
        }
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    /** For a root command run without a subcommand: a usage error (exit 2) that lists the commands. */
    public static CommandLine.ParameterException commandRequired(CommandLine.Model.CommandSpec spec) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
