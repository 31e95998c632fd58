package dev.ibu.agent;

import dev.ibu.agent.explain.ExplainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code ibu-agent} command line. */
@Command(name = "ibu-agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Image-based upgrade (IBU) of single-node OpenShift: the agent and its tools.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new CommandLine(new ExplainCommand(out, err)));
        cl.addSubcommand(new CommandLine(new VersionCommand(out)));
        cl.addSubcommand(new CommandLine(new CrdCommand(out)));
        cl.addSubcommand(new CommandLine(new dev.ibu.agent.controller.RunCommand(err)));
        cl.addSubcommand(new CommandLine(new dev.ibu.agent.ops.DiagnoseCommand(out, err)));
        cl.addSubcommand(new CommandLine(new dev.ibu.agent.ops.CleanupCommand(out, err)));
        cl.addSubcommand(new CommandLine(new dev.ibu.agent.hostcmd.InitMonitorCommand(err)));
        cl.addSubcommand(new CommandLine(new dev.ibu.agent.hostcmd.PostPivotCommand(out, err)));
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
