package dev.ibu.rehearsal;

import dev.ibu.agent.VersionCommand;
import dev.ibu.agent.VersionProvider;
import dev.ibu.agent.explain.ExplainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code ibu-rehearsal} command line: {@code local} rehearses a whole upgrade on this machine. A jar of its own,
 * so the node agent ships no embedded API server, in-memory world or host lab.
 */
@Command(name = "ibu-rehearsal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Rehearses an image-based upgrade of single-node OpenShift on this machine.",
        subcommands = {CommandLine.HelpCommand.class})
public final class RehearsalMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RehearsalMain());
        cl.addSubcommand(new CommandLine(new LocalCommand(out, err)));
        cl.addSubcommand(new CommandLine(new ExplainCommand(out, err)));
        cl.addSubcommand(new CommandLine(new VersionCommand(out)));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
