package dev.ibu.rehearsal;

import dev.ibu.agent.Cli;
import dev.ibu.agent.VersionCommand;
import dev.ibu.agent.VersionProvider;
import dev.ibu.agent.explain.ExplainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code ibu-rehearsal} command line: {@code local} rehearses a whole upgrade on this machine. A jar of its own,
 * so the node agent ships no embedded API server, in-memory world or host lab.
 */
@Command(name = "ibu-rehearsal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Rehearses an image-based upgrade of single-node OpenShift on this machine.",
        subcommands = {CommandLine.HelpCommand.class})
public final class RehearsalMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, Cli.stdout(), Cli.stderr()));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Cli.execute(new RehearsalMain(), List.of(new LocalCommand(out, err), new ExplainCommand(out, err),
                new VersionCommand(out)), args, out, err);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Cli.commandRequired(spec);
    }
}
