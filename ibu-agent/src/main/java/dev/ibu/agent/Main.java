package dev.ibu.agent;

import dev.ibu.agent.explain.ExplainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** The {@code ibu-agent} command line. */
@Command(name = "ibu-agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Image-based upgrade (IBU) of single-node OpenShift: the agent and its tools.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:help or version shown; otherwise the command's own code ('ibu-agent help COMMAND')",
            "2:no command, an unknown command or option"},
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, Cli.stdout(), Cli.stderr()));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The whole command line: {@code ibu-agent} and its subcommands (tests read every command's help). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return Cli.commandLine(new Main(), List.of(new ExplainCommand(out, err), new VersionCommand(out),
                new CrdCommand(out), new dev.ibu.agent.controller.RunCommand(err),
                new dev.ibu.agent.ops.DiagnoseCommand(out, err), new dev.ibu.agent.ops.CleanupCommand(out, err),
                new dev.ibu.agent.hostcmd.InitMonitorCommand(err), new dev.ibu.agent.hostcmd.PostPivotCommand(out, err),
                new dev.ibu.agent.hub.HubCommand(err)),
                out, err);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Cli.commandRequired(spec);
    }
}
