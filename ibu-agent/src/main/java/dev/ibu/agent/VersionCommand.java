package dev.ibu.agent;

import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code version}: prints the agent version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the ibu-agent version.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the version was printed", "2:bad usage (this command takes no arguments)"})
public final class VersionCommand implements Callable<Integer> {
    private final PrintWriter out;

    public VersionCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.println("ibu-agent " + VersionProvider.version());
        out.flush();
        return 0;
    }
}
