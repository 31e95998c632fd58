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

    /** Runs {@code root} with {@code commands} as its subcommands and returns the exit code (tests call this). */
    public static int execute(Object root, List<Object> commands, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        commands.forEach(c -> cl.addSubcommand(new CommandLine(c)));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** For a root command run without a subcommand: a usage error (exit 2) that lists the commands. */
    public static CommandLine.ParameterException commandRequired(CommandLine.Model.CommandSpec spec) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
